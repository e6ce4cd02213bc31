import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { ErrorObject } from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';

/**
 * DCSA's published Track & Trace 2.2.0 OpenAPI (test/fixtures/dcsa-tnt-2.2, DCSA's own
 * resolved bundle) as a validator of Harbor's requests and answers, with openapi-backend
 * (OpenAPI 3 parameters, bodies and headers on Ajv) and ajv-formats. Every check returns the
 * validator's errors, empty when Harbor conforms, so a test shows what deviates.
 */
const SPEC_FILE = new URL('./fixtures/dcsa-tnt-2.2/tnt/v2/test/tnt_v2.2.0.yaml', import.meta.url);
const OPERATION = 'getEvents';

export type SpecDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    headers?: Record<string, { required?: boolean }>;
  };
};
export type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  style?: string;
  explode?: boolean;
  deprecated?: boolean;
  schema: Record<string, unknown>;
};
type Operation = {
  operationId?: string;
  parameters: Parameter[];
  responses: Record<string, { headers?: Record<string, { required?: boolean; $ref?: string }> }>;
};

/** The vendored spec as published, parsed. */
export function publishedSpec(): SpecDocument {
  return parse(readFileSync(SPEC_FILE, 'utf8')) as SpecDocument;
}

/**
 * The objects an event is made of, each closed to properties DCSA does not declare: the spec
 * composes them with allOf and leaves them open, so a misspelt or invented field would pass
 * a plain validation. (The parts composed into these, baseEvent and the like, stay open.)
 */
const CLOSED = [
  'transportEvent',
  'shipmentEvent',
  'equipmentEvent',
  'transportCall',
  'location',
  'address',
  'vessel',
  'seal',
  'reference',
  'documentReferences_inner',
  'inline_response_default',
  'subErrors_inner',
];

/** A validator of one OpenAPI document's `GET /v2/events`. */
export async function eventsValidator(document: SpecDocument, options: { closed: boolean }) {
  const definition = structuredClone(document);
  const operation = definition.paths['/v2/events']?.get;
  if (!operation) throw new Error('the document has no GET /v2/events');
  // DCSA's operation has no operationId; openapi-backend finds operations by one.
  operation.operationId = OPERATION;
  if (options.closed) {
    for (const name of CLOSED) {
      const schema = definition.components.schemas[name];
      if (schema) schema.unevaluatedProperties = false;
    }
  }
  const api = new OpenAPIBackend({
    // openapi-backend's own types name the OpenAPI shapes; this one is read from YAML.
    definition: definition as never,
    strict: true,
    // openapi-backend checks a document against OpenAPI 3.0's schema first, which Harbor's
    // 3.1 document and a closed copy (unevaluatedProperties is JSON Schema 2019-09) fail;
    // `documentErrors` checks each document as published, by its own version, instead.
    quick: true,
    validate: true,
    coerceTypes: true,
    customizeAjv: (_ajv, ajvOptions) => {
      // Draft 2019-09, for unevaluatedProperties; formats checked, not ignored.
      const ajv = new Ajv2019({ ...ajvOptions, strict: false, allErrors: true });
      addFormats(ajv);
      // ERROR_DOMAIN 1.0.0 writes errorDateTime's format as `$date-time`, describing it as
      // "The date and time (in ISO 8601 format)": read as date-time.
      ajv.addFormat('$date-time', ajv.formats['date-time'] ?? true);
      return ajv as never;
    },
  });
  await api.init();
  const declared = new Map(operation.parameters.map((parameter) => [parameter.name, parameter]));

  /** Why a request (a query string and headers) is not one the document allows; [] when it is. */
  function requestErrors(query: string, headers: Record<string, string> = {}): string[] {
    const params = new URLSearchParams(query);
    const errors: string[] = [];
    const plain = new URLSearchParams();
    for (const [name, value] of params) {
      // EVENT_DOMAIN describes `eventCreatedDateTime:gte=...` etc. in the parameter's text.
      const [base = '', op] = name.split(':');
      if (op !== undefined) {
        if (base !== 'eventCreatedDateTime' || !['gte', 'gt', 'lte', 'lt', 'eq'].includes(op))
          errors.push(`${name}: no such parameter or operator`);
        else errors.push(...requestErrors(`${base}=${encodeURIComponent(value)}`));
        continue;
      }
      if (!declared.has(name)) errors.push(`${name}: not a parameter of GET /v2/events`);
      plain.append(name, value);
    }
    const result = api.validator.validateRequest(
      { method: 'get', path: '/v2/events', query: plain.toString(), headers },
      OPERATION,
    );
    return [...errors, ...describe(result.errors)];
  }

  /** Why an answer (status, headers, body) is not one the document allows; [] when it is. */
  function responseErrors(status: number, headers: Headers, body: unknown): string[] {
    const headerObject = Object.fromEntries(headers.entries());
    return [
      ...describe(api.validator.validateResponse(body, OPERATION, status).errors),
      ...describe(
        api.validator.validateResponseHeaders(headerObject, OPERATION, {
          statusCode: status,
          setMatchType: 'superset' as never,
        }).errors,
      ),
    ];
  }

  return { operation, requestErrors, responseErrors };
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

/** Why a document is not a valid OpenAPI document (3.0 or 3.1, by its own `openapi`). */
export async function documentErrors(document: unknown): Promise<string[]> {
  const result = await new Validator().validate(structuredClone(document) as never);
  if (result.valid) return [];
  return typeof result.errors === 'string' ? [result.errors] : describe(result.errors);
}
