// GET /v1/openapi.json: the hub's API described from the same route table and zod schemas it runs on.
import { z } from 'zod';
import { hubErrorSchema } from '../shared/hubProtocol';
import type { Route } from './routes';

const schemaOf = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

const SECURITY: Record<Route['access'], Record<string, string[]>[]> = {
  public: [],
  enrolment: [{ enrolmentCode: [] }],
  station: [{ station: [] }],
  admin: [{ adminToken: [] }],
};

export function openApiDocument(routes: Route[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { description: 'Refused, with a reason', content: { 'application/json': { schema: schemaOf(hubErrorSchema, 'output') } } };
  for (const r of routes) {
    const params = [
      ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(r.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: name === 'day', description, schema: { type: 'string' } })),
    ];
    const op: Record<string, unknown> = {
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${r.path.replace(/^\/v1/, '').replace(/[{}]/g, '').split(/[/-]/).map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : '')).join('')}`,
      security: SECURITY[r.access],
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { [r.body.type]: { schema: r.body.schema ? schemaOf(r.body.schema, 'input') : { type: 'string' } } } } } : {}),
      responses: {
        200: { description: 'OK', content: { [r.response?.type ?? 'application/json']: { schema: r.response?.schema ? schemaOf(r.response.schema, 'output') : { type: 'string' } } } },
        ...(r.access === 'public' ? {} : { 401: error, 403: error }),
        ...(r.body ? { 400: error, 413: error, 415: error } : {}),
        ...(r.path === '/v1/sync/push' ? { 409: { ...error, description: 'SEQ_GAP (send from error.expectedSeq), SEQ_CONFLICT or EVENT_ID_REUSED' } } : {}),
      },
    };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'CivicTill hub', version, description: 'Sync endpoint for counter stations (outbox push, directory pull, exceptions) and the city exports.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        station: { type: 'http', scheme: 'basic', description: 'station id : secret received at enrolment' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'the hub admin token (written to the data folder on first start)' },
        enrolmentCode: { type: 'http', scheme: 'bearer', description: 'a one-time enrolment code made by the hub admin' },
      },
    },
    paths,
  };
}
