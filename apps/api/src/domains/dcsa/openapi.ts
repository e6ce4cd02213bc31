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

function queryParameters() {
  return Object.entries(DcsaEventsQuery.shape).map(([name, schema]) => {
    const {
      $schema: _dialect,
      description,
      ...json
    } = z.toJSONSchema(schema, {
      io: 'input',
    }) as Record<string, unknown>;
    return {
      name,
      in: 'query',
      required: false,
      ...(typeof description === 'string' ? { description } : {}),
      schema: json,
    };
  });
}

/** The OpenAPI 3.1 document of Harbor's DCSA face, generated from the zod contracts. */
export function dcsaOpenApiDocument(): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const events = toComponents(DcsaEventsResponse, components);
  const error = toComponents(DcsaError, components);
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: error } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Harbor DCSA Track & Trace',
      version: '2.2.0',
      description:
        'Equipment events of the containers Harbor tracks, shaped like DCSA Track & Trace 2.2 `GET /v2/events`. Only EQUIPMENT events are published. Authenticate with an organization API key.',
    },
    paths: {
      '/v2/events': {
        get: {
          operationId: 'getEvents',
          summary: 'Find equipment events, oldest created first.',
          security: [{ bearer: [] }, { apiKey: [] }],
          parameters: queryParameters(),
          responses: {
            '200': {
              description: 'A page of events.',
              headers: {
                'API-Version': { schema: { type: 'string' } },
                'Next-Page-Cursor': {
                  description: 'Pass as `cursor` for the next page; absent on the last page.',
                  schema: { type: 'string' },
                },
                'Next-Page': {
                  description: 'The URL of the next page.',
                  schema: { type: 'string' },
                },
              },
              content: { 'application/json': { schema: events } },
            },
            '400': errorResponse('A query parameter is invalid or unknown.'),
            '401': errorResponse('No valid API key.'),
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
