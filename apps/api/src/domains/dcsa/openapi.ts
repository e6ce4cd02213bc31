import { DcsaError, DcsaEventsQuery, DcsaEventsResponse } from '@harbor/shared';
import { z } from 'zod';

const COMPONENTS = '#/components/schemas/';

/** A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), its named parts moved to components. */
function toComponents(schema: z.ZodType, components: Record<string, unknown>): unknown {
  const generated = JSON.stringify(z.toJSONSchema(schema)).replaceAll(
    '"#/$defs/',
    `"${COMPONENTS}`,
  );
  const {
    $defs,
    $schema: _dialect,
    id,
    ...json
  } = JSON.parse(generated) as Record<string, unknown> & { $defs?: Record<string, unknown> };
  Object.assign(components, $defs ?? {});
  // A schema that is itself named comes back as its body: keep it as a component, refer to it.
  if (typeof id === 'string') {
    components[id] = json;
    return { $ref: `${COMPONENTS}${id}` };
  }
  return json;
}

/**
 * The query parameters as DCSA declares them: each with the schema of its parsed value (a
 * comma list is an array, `style: form, explode: false`; `limit` an int32), without the
 * patterns zod writes for formats. `eventCreatedDateTime`'s operator forms are described in
 * that parameter's text, as DCSA does, not declared.
 */
function queryParameters() {
  return Object.entries(DcsaEventsQuery.shape)
    .filter(([name]) => !name.includes(':'))
    .map(([name, schema]) => {
      const {
        $schema: _dialect,
        description,
        deprecated,
        ...json
      } = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
      if (typeof json.format === 'string') delete json.pattern;
      return {
        name,
        in: 'query',
        required: false,
        ...(typeof description === 'string' ? { description } : {}),
        ...(deprecated === true ? { deprecated: true } : {}),
        ...(json.type === 'array' ? { style: 'form', explode: false } : {}),
        schema: json,
      };
    });
}

/** DCSA_DOMAIN 1.0.3's response headers of a page. */
const PAGE_HEADERS = {
  'API-Version': { description: 'The API version, 2.2.0.', schema: { type: 'string' } },
  'Current-Page': {
    description: 'A link to this page.',
    required: true,
    schema: { type: 'string' },
  },
  'Next-Page': {
    description: 'A link to the next page (its `cursor` carries the filters); absent on the last.',
    schema: { type: 'string' },
  },
  'Prev-Page': { description: 'Harbor does not send it.', schema: { type: 'string' } },
  'Last-Page': { description: 'Harbor does not send it.', schema: { type: 'string' } },
  'First-Page': {
    description: 'A link to the first page, on the pages after it.',
    schema: { type: 'string' },
  },
};

/** The OpenAPI 3.1 document of Harbor's DCSA face, generated from the zod contracts. */
export function dcsaOpenApiDocument(): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const events = toComponents(DcsaEventsResponse, components);
  const error = toComponents(DcsaError, components);
  const errorResponse = (description: string) => ({
    description,
    headers: { 'API-Version': PAGE_HEADERS['API-Version'] },
    content: { 'application/json': { schema: error } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Harbor DCSA Track & Trace',
      version: '2.2.0',
      description:
        "DCSA Track & Trace 2.2.0 `GET /v2/events` for the port: equipment events of the containers the API key's organization sees, and the transport events (ARRI, DEPA: planned, estimated, actual) of every port call. Harbor has no shipment events. Authenticate with an organization API key.",
    },
    paths: {
      '/v2/events': {
        get: {
          operationId: 'getEvents',
          summary: 'Find events, oldest created first.',
          security: [{ bearer: [] }, { apiKey: [] }],
          parameters: [
            ...queryParameters(),
            {
              name: 'API-Version',
              in: 'header',
              required: false,
              description: 'The major version the client expects (2); Harbor serves 2.2.0.',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'A page of events.',
              headers: PAGE_HEADERS,
              content: { 'application/json': { schema: events } },
            },
            '400': errorResponse('A query parameter is invalid or unknown.'),
            '401': errorResponse('No valid API key.'),
            '429': errorResponse("Too many of the organization's requests are waiting."),
            '500': errorResponse('The events could not be read.'),
          },
        },
      },
    },
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer hbk_...' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
  };
}
