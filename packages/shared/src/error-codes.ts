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
  'organization.code-taken',
  'user.not-found',
  'user.own-access',
  'invitation.not-valid',
  'invitation.not-found',
  'invitation.already-member',
  'invitation.already-accepted',
  'invitation.email-taken',
  'api-key.not-found',
  // The fleet.
  'vehicle.not-found',
  'vehicle.not-in-organization',
  'vehicle.plate-or-vin-taken',
  'vehicle.in-maintenance',
  'vehicle.on-another-job',
  'vehicle.no-terminal',
  'vehicle.other-company',
  'device.not-found',
  'device.phone-unavailable',
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
  'zone.not-found',
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
 * A plain HTTP error answer (ingest, the CSV report, metrics, body limits): `error` the
 * English message, `code` the stable code.
 */
export type ErrorAnswer = {
  error: string;
  code: ErrorCode;
  params?: ErrorParams;
  fieldErrors?: FieldErrors;
};

const KNOWN = new Set<string>(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}
