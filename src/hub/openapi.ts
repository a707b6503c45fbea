// GET /v1/openapi.json: the hub's API described from the same route table and zod schemas it runs on —
// bodies, answers, query parameters and path parameters alike — so the document cannot drift from the code.
import { z } from 'zod';
import { hubErrorSchema } from '../shared/hubProtocol';
import type { Route } from './routes';

const schemaOf = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** The path parameter {id}: what the router accepts (server.ts matches 1 to 15 digits). */
export const PATH_ID = z.string().regex(/^[0-9]{1,15}$/).describe('1 to 15 digits');

const SECURITY: Record<Route['access'], Record<string, string[]>[]> = {
  public: [],
  enrolment: [{ enrolmentCode: [] }],
  station: [{ station: [] }],
  admin: [{ adminToken: [] }],
};

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/HubError' } } };
const error = (description: string) => ({ description, content: ERROR_CONTENT });

function operationId(method: string, path: string): string {
  return `${method.toLowerCase()}${path.replace(/^\/v1/, '').replace(/[{}.]/g, '').split(/[/-]/).map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : '')).join('')}`;
}

function queryParameters(r: Route): unknown[] {
  if (!r.query) return [];
  return Object.entries(r.query.shape).map(([name, s]) => {
    const schema = s as z.ZodType;
    return { name, in: 'query', required: !schema.safeParse(undefined).success, description: schema.description, schema: schemaOf(schema, 'input') };
  });
}

export function openApiDocument(routes: Route[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [
      ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, description: PATH_ID.description, schema: schemaOf(PATH_ID, 'input') })),
      ...queryParameters(r),
    ];
    const responses: Record<string, unknown> = {
      200: { description: 'OK', content: { [r.response?.type ?? 'application/json']: { schema: r.response?.schema ? schemaOf(r.response.schema, 'output') : r.response?.type === 'image/tiff' ? { type: 'string', contentMediaType: 'image/tiff' } : { type: 'string' } } } },
      ...(r.access === 'public' ? {} : { 401: error('UNAUTHORIZED: no credentials, or not the ones this endpoint takes') }),
      ...(r.access === 'enrolment' || r.access === 'station' || r.errors?.[403] ? { 403: error(r.errors?.[403] ?? 'Refused for these credentials') } : {}),
      // The hub limits wrong enrolment codes per address and overall (auth.ts).
      ...(r.access === 'enrolment' ? { 429: error('TOO_MANY_ATTEMPTS: too many wrong enrolment codes lately; wait, then check the code with the hub admin') } : {}),
      ...(r.body || r.query || params.length ? { 400: error('BAD_REQUEST / BAD_JSON: the body or a query parameter is not valid; the message names it') } : {}),
      ...(r.body ? { 413: error('TOO_LARGE: the body is larger than this endpoint takes'), 415: error('UNSUPPORTED_MEDIA_TYPE: send the body with the content type documented') } : {}),
      404: error('NOT_FOUND: no such endpoint (or, where documented, no such item)'),
      405: error('METHOD_NOT_ALLOWED: the path exists with another method'),
      ...Object.fromEntries(Object.entries(r.errors ?? {}).filter(([s]) => s !== '403').map(([s, d]) => [s, error(d)])),
      500: error('INTERNAL: the hub could not finish (its database is down); nothing was stored; retry with backoff'),
    };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      operationId: operationId(r.method, r.path),
      security: SECURITY[r.access],
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { [r.body.type]: { schema: r.body.schema ? schemaOf(r.body.schema, 'input') : r.body.type === 'application/octet-stream' ? { type: 'string', contentMediaType: 'application/octet-stream' } : { type: 'string' } } } } } : {}),
      responses,
    };
  }
  paths['/v1/openapi.json'] = {
    get: {
      summary: 'This document', operationId: 'getOpenapiJson', security: [],
      responses: { 200: { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } }, 405: error('METHOD_NOT_ALLOWED') },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'CivicTill hub', version, description: 'Sync endpoint for counter stations (outbox push, directory pull, exceptions) and the city exports. Every refusal is a 4xx with a stable code and a reason; a 500 means the hub could not reach its database.' },
    servers: [{ url: '/' }],
    components: {
      schemas: { HubError: schemaOf(hubErrorSchema, 'output') },
      securitySchemes: {
        station: { type: 'http', scheme: 'basic', description: 'station id : secret received at enrolment' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'the hub admin token (written to the data folder on first start)' },
        enrolmentCode: { type: 'http', scheme: 'bearer', description: 'a one-time enrolment code made by the hub admin' },
      },
    },
    paths,
  };
}
