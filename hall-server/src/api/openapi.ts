// The OpenAPI 3.0 document, generated from the route declarations and their zod schemas.
import { z } from 'zod';
import { errorBodySchema } from '@hall/common/api';
import { errorCodes } from '@hall/common/errors';
import { isBinaryReply, type RouteDef } from './route.ts';

export function openApiDocument(routes: RouteDef[], info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      responses: {
        [String(r.status ?? (r.response ? 200 : 204))]: successReply(r.response),
        default: {
          description: `Error. code is one of: ${errorCodes.join(', ')}`,
          content: { 'application/json': { schema: schemaOf(errorBodySchema, 'output') } },
        },
      },
    };
    if (r.access !== 'public') operation.security = [{ bearer: [] }];
    // Who may call it: public, staff, admin, device (a paired kiosk, board or agent) or kiosk-or-staff.
    operation['x-access'] = r.access;
    // A route that takes a larger JSON body than the default 256 KB (an upload) says how large.
    if (r.bodyLimit) operation['x-body-limit'] = r.bodyLimit;
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue;
      const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
      }
    }
    if (parameters.length) operation.parameters = parameters;
    if (r.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
    }
    (paths[path] ??= {})[r.method] = operation;
  }
  return {
    openapi: '3.0.3',
    info: { ...info, description: '政务服务大厅排队叫号系统 REST API。错误返回 { error: { code, message, field? } }，message 为可直接展示的中文提示。' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '工作人员会话令牌或设备令牌' } } },
    paths,
  };
}

function successReply(response: RouteDef['response']): unknown {
  if (response === null) return { description: 'No content' };
  if (isBinaryReply(response)) return { description: response.description, content: { [response.binary]: { schema: { type: 'string', format: 'binary' } } } };
  return { description: 'OK', content: { 'application/json': { schema: schemaOf(response, 'output') } } };
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
}
