/**
 * The stable codes of Harbor's errors, `<subject>.<what-happened>`: what a client branches on
 * and what the web translates (apps/web/src/i18n/errors.ts has a text for every one), while
 * the English message may change. tRPC answers carry one as `error.data.reason`, the plain
 * HTTP answers as `code` (ErrorAnswer). A code, once shipped, keeps its meaning; add new ones.
 */
export const ERROR_CODES = [
  // The caller and the request, checked before any domain rule.
  'auth.login-required',
  'auth.invalid-credentials',
  'auth.login-throttled',
  'auth.session-ended',
  'auth.role-required',
  'auth.api-key-required',
  'auth.own-organization-only',
  'auth.port-staff-only',
  'auth.port-or-terminal-staff-only',
  'auth.wrong-password',
  'input.invalid',
  'request.batch-too-large',
  'request.not-batchable',
  'request.too-many-waiting',
  'request.body-too-large',
  'request.cross-origin',
  'request.refused',
  'server.failed',
  'metrics.token-required',
  // HTTP ingest of fixes.
  'ingest.body-expected',
  'ingest.body-unreadable',
  'ingest.too-many-fixes',
  'ingest.device-id-required',
  'ingest.not-stored',
  // Organizations, people, access.
  'organization.not-found',
  // How long history is kept.
  'history.keep-shorter-than-hot',
  'history.vessels-are-port-data',
  'organization.code-taken',
  'user.not-found',
  'user.own-access',
  'invitation.not-valid',
  'invitation.not-found',
  'invitation.already-member',
  'invitation.already-accepted',
  'invitation.email-taken',
  'password-reset.not-valid',
  'api-key.not-found',
  // The fleet.
  'vehicle.not-found',
  'vehicle.not-in-organization',
  'vehicle.plate-or-vin-taken',
  'vehicle.in-maintenance',
  'vehicle.on-another-job',
  'vehicle.no-terminal',
  'vehicle.other-company',
  'vehicle.has-terminal',
  'vehicle.terminal-offline',
  'vehicle.reset-admin-only',
  'job.other-truck',
  'device.not-found',
  'device.phone-unavailable',
  'media.not-found',
  'driver.not-found',
  'driver.not-in-organization',
  'shift.not-found',
  'shift.driver-busy',
  'shift.vehicle-busy',
  'shift.ends-before-start',
  // Dispatch.
  'job.not-found',
  'job.other-company',
  'job.fleet-only',
  'job.reference-taken',
  'job.references-taken',
  'job.assign-needs-vehicle',
  'job.not-assignable',
  'job.not-suggestable',
  'job.changed-meanwhile',
  'job.transition-not-allowed',
  'job.import-refused',
  // Proof of delivery from the driver's phone (a job's upload link).
  'proof-link.not-found',
  'proof-link.job-closed',
  'proof-photo.not-jpeg',
  'proof-photo.too-many',
  'zone.not-found',
  'zone.code-taken',
  'zone.no-port',
  'zone.is-berth',
  'zone.is-yard-block',
  'zone.kind-fixed',
  'zone.in-use',
  // Containers and the yard.
  'container.not-found',
  'container.event-refused',
  'container.event-out-of-place',
  'container.event-unknown-id',
  'container.terminal-not-operated',
  'container.size-type-needed',
  'container.size-type-mismatch',
  'container.event-writers-only',
  'grant.port-admin-only',
  'grant.port-authority-sees-all',
  'grant.not-found',
  'yard-block.not-found',
  'yard.slot-not-allowed',
  'yard.slot-taken',
  'yard.slot-unsupported',
  'yard.container-buried',
  // Vessels, visits, terminals.
  'vessel.not-found',
  'vessel.mmsi-or-imo-taken',
  'visit.not-found',
  'visit.closed',
  'visit.berthed',
  'visit.at-berth',
  'visit.import-refused',
  'terminal.not-found',
  'terminal.not-operated',
  // Truck appointments at the gates.
  'gate.not-operator',
  'appointment.not-found',
  'appointment.other-company',
  'appointment.slot-over',
  'appointment.no-capacity',
  'appointment.slot-full',
  'appointment.truck-booked',
  // The JT/T 809 link to the supervision platform.
  'supervision.not-configured',
  'supervision.password-required',
  'supervision.vehicle-other-company',
  'supervision.request-not-found',
  'supervision.not-inspection',
  'supervision.already-answered',
  // Alerts.
  'alert.not-found',
  'alert.already-acknowledged',
  'alert-rule.not-found',
  'alert-rule.settings-invalid',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values the text of an error needs (`{ plate: '沪D12345' }`), by name. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** Field messages, keyed by field path (`'line 3.eta'`); `''` is the input as a whole. */
export type FieldErrors = Record<string, string[]>;

/**
 * What is wrong with a field, as a stable code a client translates, with the values its text
 * needs: `required`, `too-small` ({ origin, minimum }), `too-big` ({ origin, maximum }),
 * `invalid-format` ({ format }), `invalid-value`, `invalid-type`, `unrecognized-keys`,
 * `invalid` (nothing more to say), or `rule.<name>` for a contract's own rule
 * (VALIDATION_RULES), with the rule's values.
 */
export type FieldIssue = { code: string; params?: Readonly<Record<string, string | number>> };

/** Field issues by field path, as FieldErrors; a field's first issue is the one to show. */
export type FieldIssues = Record<string, FieldIssue[]>;

/**
 * The contracts' own rules, named in a refinement's `params: { rule }` (with the values its
 * text needs beside it), so a client can say what is wrong in its user's language.
 */
export const VALIDATION_RULES = [
  'to-after-from',
  'period-too-long',
  'etd-after-eta',
  'shift-order',
  'shift-too-long',
  'window-order',
  'distinct-zones',
  'container-number',
  'container-check-digit',
  'one-speed-unit',
  'block-or-terminal',
  'fix-time',
  // A CSV file's own problems (imports of jobs and schedules).
  'csv-quote',
  'csv-unclosed-quote',
  'csv-header',
  'csv-no-rows',
  'csv-too-many-rows',
  'csv-column-count',
  'csv-repeats',
  'csv-unknown-column',
  'csv-missing-column',
  'vessel-id',
  'terminal-ambiguous',
  'no-terminal',
  'no-berth',
  'no-vessel-imo',
  'vessel-name-needed',
  'not-a-date',
  'voyage-taken',
] as const;
export type ValidationRule = (typeof VALIDATION_RULES)[number];

/**
 * A plain HTTP error answer (ingest, the CSV report, metrics, body limits): `error` the
 * English message, `code` the stable code.
 */
export type ErrorAnswer = {
  error: string;
  code: ErrorCode;
  params?: ErrorParams;
  fieldErrors?: FieldErrors;
  fieldIssues?: FieldIssues;
};

const KNOWN = new Set<string>(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}
