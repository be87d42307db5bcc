// Monthly bulletins: an area's bulletin as a PDF (printed now) or as data, the stored monthly
// editions, and the list of them a caller may read.
import { readFile } from 'node:fs/promises';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LEVELS } from '@pantau/domain';
import { mayRead } from '../auth/scope';
import { requireRead } from '../auth/require-role';
import { hasBulletin } from '../bulletins/bulletin-data';
import { editionPath, listEditions } from '../bulletins/bulletin-store';
import { BULLETIN_LANGS } from '../bulletins/bulletin-text';
import { loadBulletin, renderBulletinPdf } from '../bulletins/render-bulletin';
import type { AppDeps } from '../deps';
import { ApiError, errorSchema, validationHook } from '../errors';
import { areaDirectoryOf } from '../read/area-directory';
import { requireArea, resolvePeriod } from '../read/read-scope';
import { areaCode, optionalPeriod, periodParam } from '../schemas/query-params';
import { pillarScoresSchema, stageSchema } from '../schemas/scores.schemas';
import { readErrors } from './read-errors';

const bulletinCode = areaCode
  .refine(hasBulletin, 'a province (15), kabupaten/kota (15.02) or kecamatan (15.02.02)')
  .openapi({ param: { name: 'code', in: 'path' }, examples: ['15.02'] });

const langParam = z
  .enum(BULLETIN_LANGS)
  .default('id')
  .openapi({ description: 'Language of the bulletin: id (Indonesian) or en', examples: ['id'] });

const bulletinQuery = z.object({ period: optionalPeriod, lang: langParam });

const pdfContent = {
  'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) },
};

const chromiumMissing = {
  description: 'No Chromium to print with: the error says what to install (or CHROMIUM_PATH)',
  content: { 'application/json': { schema: errorSchema } },
};

export const bulletinSchema = z
  .object({
    area: z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['province', 'regency', 'district']),
      parents: z.array(z.string()).openapi({ description: 'Names from the province down' }),
    }),
    period: z.string(),
    child_level: z.enum(LEVELS),
    kpis: z.object({
      dci: z.number().nullable(),
      stage: stageSchema,
      dci_change: z.number().nullable().openapi({ description: 'DCI minus last month’s' }),
      villages_reporting: z.number().int(),
      villages_expected: z.number().int(),
      reporting_rate: z.number().nullable(),
      on_time: z.number().int(),
      on_time_rate: z.number().nullable(),
    }),
    pillars: pillarScoresSchema,
    trend: z.array(z.object({ period: z.string(), dci: z.number().nullable() })),
    children: z.array(
      z.object({
        rank: z.number().int().nullable().openapi({ description: 'By DCI; null: no report' }),
        code: z.string(),
        name: z.string(),
        dci: z.number().nullable(),
        stage: stageSchema,
        pillars: pillarScoresSchema,
        reported: z.number().int(),
        expected: z.number().int(),
        rate: z.number().nullable(),
      }),
    ),
    missing: z.object({
      total: z.number().int(),
      villages: z.array(
        z.object({ code: z.string(), name: z.string(), district_name: z.string() }),
      ),
    }),
    generated_at: z.string(),
  })
  .openapi('Bulletin');

const editionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    period: z.string(),
    lang: z.enum(BULLETIN_LANGS),
    bytes: z.number().int(),
    created_at: z.string(),
    url: z.string().openapi({ description: 'Where the stored PDF is downloaded' }),
  })
  .openapi('BulletinEdition');

/** `buletin-kabupaten-merangin-2024-05.pdf` */
function pdfName(name: string, period: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
  return `buletin-${slug}-${period}.pdf`;
}

function pdfHeaders(name: string, period: string) {
  return {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="${pdfName(name, period)}"`,
    'cache-control': 'private, no-store',
  };
}

export function bulletinsRoutes(deps: AppDeps) {
  const { renderer, dir } = deps.bulletins;
  const list = createRoute({
    method: 'get',
    operationId: 'listBulletins',
    path: '/bulletins',
    tags: ['bulletins'],
    summary: 'The stored monthly editions the caller may read (a lead: those in its scope)',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: { query: z.object({ period: periodParam.optional() }) },
    responses: {
      200: {
        description: 'Editions, newest month first',
        content: { 'application/json': { schema: z.object({ rows: z.array(editionSchema) }) } },
      },
      ...readErrors,
    },
  });

  const pdf = createRoute({
    method: 'get',
    operationId: 'getBulletinPdf',
    path: '/bulletins/{code}',
    tags: ['bulletins'],
    summary: "An area's monthly bulletin as a PDF, printed now from the current data",
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: { params: z.object({ code: bulletinCode }), query: bulletinQuery },
    responses: {
      200: { description: 'The bulletin (A4 PDF)', content: pdfContent },
      ...readErrors,
      503: chromiumMissing,
    },
  });

  const data = createRoute({
    method: 'get',
    operationId: 'getBulletinData',
    path: '/bulletins/{code}/data',
    tags: ['bulletins'],
    summary: "An area's monthly bulletin as data (what the PDF and the dashboard page draw)",
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: {
      params: z.object({ code: bulletinCode }),
      query: z.object({ period: optionalPeriod }),
    },
    responses: {
      200: {
        description: 'The bulletin',
        content: { 'application/json': { schema: bulletinSchema } },
      },
      ...readErrors,
    },
  });

  const edition = createRoute({
    method: 'get',
    operationId: 'getBulletinEdition',
    path: '/bulletins/{code}/editions/{period}',
    tags: ['bulletins'],
    summary: 'A stored monthly edition (rendered on the 11th) as a PDF',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: {
      params: z.object({
        code: bulletinCode,
        period: periodParam.openapi({ param: { name: 'period', in: 'path' } }),
      }),
      query: z.object({ lang: langParam }),
    },
    responses: {
      200: { description: 'The stored edition (A4 PDF)', content: pdfContent },
      ...readErrors,
    },
  });

  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { period } = c.req.valid('query');
      const editions = (await listEditions(dir)).filter(
        (e) => (period === undefined || e.period === period) && mayRead(c.var.principal, e.code),
      );
      const areas = await areaDirectoryOf(deps.warehouse).find(editions.map((e) => e.code));
      const rows = editions.flatMap((e) => {
        const area = areas.get(e.code);
        if (!area) return [];
        const url = `/api/v1/bulletins/${e.code}/editions/${e.period}?lang=${e.lang}`;
        return [{ ...e, name: area.name, level: area.level, url }];
      });
      return c.json({ rows }, 200);
    })
    .openapi(pdf, async (c) => {
      const { code } = c.req.valid('param');
      const query = c.req.valid('query');
      const area = await requireArea(deps, c.var.principal, code, 'code');
      const period = await resolvePeriod(deps, query.period);
      const bytes = await renderBulletinPdf(deps.warehouse, renderer, {
        code,
        period,
        lang: query.lang,
        now: deps.clock(),
      });
      return c.body(new Uint8Array(bytes), 200, pdfHeaders(area.name, period));
    })
    .openapi(data, async (c) => {
      const { code } = c.req.valid('param');
      await requireArea(deps, c.var.principal, code, 'code');
      const period = await resolvePeriod(deps, c.req.valid('query').period);
      return c.json(await loadBulletin(deps.warehouse, code, period, deps.clock()), 200);
    })
    .openapi(edition, async (c) => {
      const { code, period } = c.req.valid('param');
      const { lang } = c.req.valid('query');
      const area = await requireArea(deps, c.var.principal, code, 'code');
      let bytes: Buffer;
      try {
        bytes = await readFile(editionPath(dir, { code, period, lang }));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new ApiError(
          404,
          'not_found',
          `No stored edition of ${code} for ${period} in ${lang}: editions are rendered on the 11th; ` +
            `GET /bulletins/${code}?period=${period} prints one now`,
          [{ field: 'period', value: period }],
        );
      }
      return c.body(new Uint8Array(bytes), 200, pdfHeaders(area.name, period));
    });
}
