// Request and response shapes of the ingest and pipeline endpoints.
import { z } from '@hono/zod-openapi';
import { CSV_DIALECTS, reportSchema, type CsvDialect } from '@pantau/domain';
import { IMPORT_FORMATS } from '@pantau/ingest';
import type { SubmissionRecord } from '@pantau/warehouse';
import { toJSONSchema } from 'zod';

export const MAX_REPORTS_PER_REQUEST = 1_000;

/**
 * The domain's report contract as JSON Schema (what OpenAPI 3.1 schemas are): the document
 * describes a report exactly as the pipeline validates it.
 */
const reportContract = toJSONSchema(reportSchema, { io: 'input', unrepresentable: 'any' });
// The document names its dialect once, for all its schemas.
delete reportContract.$schema;

/**
 * The route itself takes any object: a report that breaks the contract is queued and rejected
 * with its reasons like any other, never a 400 that would hold up the reports sent with it.
 */
const reportObject = z.looseObject({}).openapi('ReportSubmission', {
  // JSON Schema's boolean subschemas (`not: false`) are the only part OpenAPI's types lack.
  ...(reportContract as object),
  description:
    'A cadre report in its JSON form. Validated by the pipeline: its outcome (imported, ' +
    'updated, ignored, rejected with every reason) is at GET /submissions/{submission_id}.',
  examples: [
    {
      report_id: 'KD-2023-03-0001',
      cadre_id: 'KD-15.02.02.2004',
      village_code: '15.02.02.2004',
      period: '2023-03',
      submitted_at: '2023-03-27T09:15:00+07:00',
      indicators: { people_digital_literacy_pct: 12.5, gov_apbdes_published: true },
    },
  ],
});

export const submitReportsBody = z.union([
  reportObject,
  z
    .array(reportObject)
    .min(1, 'send at least one report')
    .max(MAX_REPORTS_PER_REQUEST, `send at most ${MAX_REPORTS_PER_REQUEST} reports per request`),
]);

export const submittedSchema = z
  .object({
    source_id: z.string(),
    received_at: z.string(),
    submissions: z.array(z.object({ submission_id: z.string(), report_id: z.string().nullable() })),
  })
  .openapi('Submitted');

const errorEntry = z.object({ field: z.string(), value: z.unknown(), message: z.string() });

/** A submission and what became of it: the lineage record, wherever the API shows one. */
export const submissionSchema = z
  .object({
    submission_id: z.string(),
    source: z.enum(['api', 'import', 'queue']),
    source_id: z.string(),
    line: z.number().int(),
    report_id: z.string().nullable(),
    village_code: z.string().nullable(),
    period: z.string().nullable(),
    submitted_at: z.string().nullable(),
    received_at: z.string(),
    loaded_at: z.string(),
    outcome: z.enum(['imported', 'updated', 'ignored', 'rejected']),
    reason: z.string().nullable(),
    errors: z.array(errorEntry).nullable(),
  })
  .openapi('Submission');

export function submissionJson(record: SubmissionRecord): z.infer<typeof submissionSchema> {
  return {
    ...record,
    submitted_at: record.submitted_at?.toISOString() ?? null,
    received_at: record.received_at.toISOString(),
    loaded_at: record.loaded_at.toISOString(),
  };
}

export const importFormatSchema = z.enum(IMPORT_FORMATS).openapi({
  description:
    'What the file was read as: csv, ndjson, or xlsx (the first sheet of a workbook; a body ' +
    'that is a ZIP is read as xlsx whatever its content type said)',
});

export const importDialectSchema = z
  .enum(Object.keys(CSV_DIALECTS) as [CsvDialect])
  .nullable()
  .openapi({
    description:
      'The CSV dialect the header showed: comma (cells separated by `,`, decimal point `.`, ' +
      'the contract) or semicolon (cells separated by `;`, decimal comma `,`, as Excel set to ' +
      'Indonesian saves a CSV). Null for NDJSON and XLSX.',
  });

export const importSummarySchema = z
  .object({
    import_id: z.string(),
    filename: z.string().nullable(),
    format: importFormatSchema,
    dialect: importDialectSchema,
    dry_run: z.boolean(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    rows: z.number().int().nullable(),
    processed: z.number().int(),
    imported: z.number().int(),
    updated: z.number().int(),
    ignored: z.number().int(),
    rejected: z.number().int(),
    error: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .openapi('ImportSummary');

export const importErrorSchema = z
  .object({
    line: z.number().int(),
    report_id: z.string().nullable(),
    field: z.string(),
    value: z.unknown(),
    message: z.string(),
  })
  .openapi('ImportError');

export const importDetailSchema = importSummarySchema
  .extend({ errors: z.array(importErrorSchema), errors_total: z.number().int() })
  .openapi('Import');

export const cadreResultSchema = z
  .object({
    inserted: z.number().int(),
    updated: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), errors: z.array(errorEntry) })),
  })
  .openapi('RosterUpsert');
