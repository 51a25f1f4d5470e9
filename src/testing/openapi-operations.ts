import type { App } from '../http/route-module.ts';

/** One operation of the published API description: what the access walks call. */
export interface ApiOperation {
  method: string;
  path: string;
  queryParams: string[];
}

/**
 * Every operation the server publishes in its OpenAPI document. The access walks iterate over this
 * list, so a route registered tomorrow is walked without anyone adding it to a test.
 */
export function openApiOperations(app: App): ApiOperation[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })));
}
