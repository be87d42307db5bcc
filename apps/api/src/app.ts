// createApp(deps): the whole HTTP API, built from its dependencies.
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps';
import { createErrorHandler, errorBody, validationHook } from './errors';
import { docsRoutes } from './routes/docs.routes';
import { healthRoutes } from './routes/health.routes';

export const API_PREFIX = '/api/v1';

export function createApp(deps: AppDeps) {
  const api = new OpenAPIHono({ defaultHook: validationHook }).route('/', healthRoutes(deps));

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info(
      {
        req_id: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) =>
    c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404),
  );

  const routed = app.route(API_PREFIX, api);
  routed.route(API_PREFIX, docsRoutes(api));
  return routed;
}

export type AppType = ReturnType<typeof createApp>;
