// createApp(deps): the whole HTTP API, built from its dependencies.
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Context } from 'hono';
import type { AppDeps } from './deps';
import { createErrorHandler, errorBody, validationHook } from './errors';
import { areasRoutes } from './routes/areas.routes';
import { auditRoutes } from './routes/audit.routes';
import { bulletinsRoutes } from './routes/bulletins.routes';
import { cadresRoutes } from './routes/cadres.routes';
import { compareRoutes } from './routes/compare.routes';
import { completenessRoutes } from './routes/completeness.routes';
import { distributionRoutes } from './routes/distribution.routes';
import { docsRoutes } from './routes/docs.routes';
import { exportRoutes } from './routes/export.routes';
import { healthRoutes } from './routes/health.routes';
import { importsRoutes } from './routes/imports.routes';
import { liveRoutes } from './routes/live.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { pipelineRoutes } from './routes/pipeline.routes';
import { qualityRoutes } from './routes/quality.routes';
import { rankingsRoutes } from './routes/rankings.routes';
import { reportsRoutes } from './routes/reports.routes';
import { revisionsRoutes } from './routes/revisions.routes';
import { scoresRoutes } from './routes/scores.routes';
import { summaryRoutes } from './routes/summary.routes';
import { timeseriesRoutes } from './routes/timeseries.routes';
import { tokensRoutes } from './routes/tokens.routes';
import { villagesRoutes } from './routes/villages.routes';

export const API_PREFIX = '/api/v1';

/**
 * The route pattern a request matched (`/api/v1/villages/:code/reports`), never its raw path:
 * metrics keep one series per route, whatever codes and ids are asked for.
 */
function routeOf(c: Context): string {
  const route = routePath(c, -1);
  return route.endsWith('*') ? 'unmatched' : route;
}

export function createApp(deps: AppDeps) {
  const api = new OpenAPIHono({ defaultHook: validationHook })
    .route('/', healthRoutes(deps))
    .route('/', metricsRoutes(deps))
    .route('/', areasRoutes(deps))
    .route('/', scoresRoutes(deps))
    .route('/', timeseriesRoutes(deps))
    .route('/', rankingsRoutes(deps))
    .route('/', compareRoutes(deps))
    .route('/', distributionRoutes(deps))
    .route('/', completenessRoutes(deps))
    .route('/', villagesRoutes(deps))
    .route('/', summaryRoutes(deps))
    .route('/', qualityRoutes(deps))
    .route('/', revisionsRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', bulletinsRoutes(deps))
    .route('/', liveRoutes(deps))
    .route('/', tokensRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', reportsRoutes(deps))
    .route('/', importsRoutes(deps))
    .route('/', cadresRoutes(deps))
    .route('/', pipelineRoutes(deps));
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (Authorization: Bearer <token>); ADMIN_TOKEN for the first admin',
  });

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    deps.metrics.observeRequest(c.req.method, routeOf(c), c.res.status, ms / 1000);
    // Successful requests only at debug: live traffic would drown everything else at info.
    const level = c.res.status >= 500 ? 'error' : c.res.status >= 400 ? 'info' : 'debug';
    deps.logger[level](
      {
        req_id: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(ms),
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
