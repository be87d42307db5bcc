// Response pieces shared by the score endpoints: pillar scores, a time-series point, an area.
import { z } from '@hono/zod-openapi';
import { LEVELS } from '@pantau/domain';

const score = z
  .number()
  .nullable()
  .openapi({ description: '0–100, full precision; null: no data' });

export const pillarScoresSchema = z
  .object({
    people: score,
    government: score,
    economy: score,
    environment: score,
    living: score,
    mobility: score,
  })
  .openapi('PillarScores');

export const areaSchema = z
  .object({
    code: z.string().openapi({ examples: ['15.02'] }),
    name: z.string().openapi({ examples: ['Kabupaten Merangin'] }),
    level: z.enum(LEVELS),
    parent_code: z.string().nullable(),
  })
  .openapi('Area');

export const timeseriesPointSchema = z
  .object({
    period: z.string().openapi({ examples: ['2024-06'] }),
    dci: score,
    pillars: pillarScoresSchema,
    villages_reporting: z.number().int(),
  })
  .openapi('TimeseriesPoint');

export const stageSchema = z
  .number()
  .int()
  .min(0)
  .max(4)
  .nullable()
  .openapi({ description: 'Tahap 0–4 from the DCI: Belum digital … Cerdas; null: no data' });
