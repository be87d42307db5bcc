// GET /openapi.json (generated from the zod schemas) and GET /docs (Swagger UI, served locally).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

const ASSETS = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
]);

const CONTENT_TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Pantau API</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#docs', deepLinking: true });
  </script>
</body>
</html>`;

/** `documented` is the sub-app whose routes the document describes. */
export function docsRoutes(documented: OpenAPIHono) {
  const root = getAbsoluteFSPath();
  return new Hono()
    .get('/openapi.json', (c) =>
      c.json(
        documented.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'Pantau Desa Cerdas API',
            version: '1',
            description:
              'Scores, trends, rankings, completeness and lineage of Desa Cerdas cadre reports; ' +
              'ingestion of reports, imports and the cadre roster; a live stream of loads.',
          },
          servers: [{ url: '/api/v1' }],
        }),
      ),
    )
    .get('/docs', (c) => c.html(PAGE))
    .get('/docs/:asset', async (c) => {
      const asset = c.req.param('asset');
      if (!ASSETS.has(asset)) return c.notFound();
      const body = await readFile(join(root, asset));
      const type = CONTENT_TYPES[asset.split('.').pop() ?? ''] ?? 'application/octet-stream';
      return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
}
