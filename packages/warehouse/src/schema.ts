// The tables of the warehouse as Kysely sees them (see migrations/ for the DDL).
import type { INDICATORS, Level, PillarCode, QualityMethod, QualityStatus } from '@pantau/domain';
import type { ColumnType, Generated } from 'kysely';

/** Timestamps read back as Date and are written as ISO strings. */
type Timestamp = ColumnType<Date, string, string>;

export type Outcome = 'imported' | 'updated' | 'ignored' | 'rejected';
export type SubmissionSource = 'api' | 'import' | 'queue';
export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

/** Per pillar, the sum of the villages' scores and how many villages had one. */
type PillarSums = {
  [P in PillarCode as `${P}_sum`]: number | null;
} & {
  [P in PillarCode as `${P}_n`]: number;
};

interface PillarColumns {
  people: number | null;
  government: number | null;
  economy: number | null;
  environment: number | null;
  living: number | null;
  mobility: number | null;
}

/** One typed column per catalogue indicator: booleans for bool units, doubles otherwise. */
export type IndicatorColumns = {
  [I in (typeof INDICATORS)[number] as I['code']]: I['unit'] extends 'bool'
    ? boolean | null
    : number | null;
};

export interface MetaTable {
  key: string;
  value: string;
}

export interface AreasTable {
  code: string;
  level: Level;
  name: string;
  parent_code: string | null;
  region_code: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  children: number;
  villages: number;
}

export interface CadresTable {
  cadre_id: string;
  name: string;
  village_code: string;
  region: string | null;
  active: boolean;
  updated_at: Timestamp;
}

export interface ReportsTable extends PillarColumns, IndicatorColumns {
  village_code: string;
  period: string;
  report_id: string;
  cadre_id: string | null;
  submission_id: string;
  source_id: string;
  line: number;
  /** The outcome this report's submission was recorded with: imported or updated. */
  outcome: 'imported' | 'updated';
  submitted_at: Timestamp;
  first_submitted_at: Timestamp;
  on_time: boolean;
  received_at: Timestamp;
  loaded_at: Timestamp;
  notes: string | null;
  dci: number;
  stage: number;
  region_code: string;
  province_code: string;
  regency_code: string;
  district_code: string;
}

export interface ReportHistoryTable extends ReportsTable {
  replaced_at: Timestamp;
  /** Submission that replaced this version. */
  replaced_by: string;
}

export interface SubmissionsTable {
  submission_id: string;
  source: SubmissionSource;
  source_id: string;
  line: number;
  report_id: string | null;
  cadre_id: string | null;
  village_code: string | null;
  period: string | null;
  submitted_at: ColumnType<Date | null, string | null, string | null>;
  received_at: Timestamp;
  loaded_at: Timestamp;
  outcome: Outcome;
  reason: string | null;
  errors: string | null;
  payload: string | null;
}

export interface ImportsTable {
  import_id: string;
  filename: string | null;
  format: 'csv' | 'ndjson' | 'xlsx';
  /** The CSV dialect the file was read in, once its header has been read (CSV only). */
  dialect: ColumnType<'comma' | 'semicolon' | null, never, 'comma' | 'semicolon'>;
  dry_run: boolean;
  status: ImportStatus;
  /** Data rows in the file, known once it has been read to the end. */
  rows: number | null;
  processed: Generated<number>;
  imported: Generated<number>;
  updated: Generated<number>;
  ignored: Generated<number>;
  rejected: Generated<number>;
  dry_run_errors: string | null;
  error: string | null;
  created_at: Timestamp;
  finished_at: ColumnType<Date | null, string | null, string | null>;
}

export interface AreaScoresTable extends PillarColumns, PillarSums {
  code: string;
  level: Level | 'country';
  period: string;
  villages_reporting: number;
  on_time: number;
  dci: number;
  /** Sum of the villages' DCI: upper levels add their kecamatan sums. */
  dci_sum: number;
  /** A kecamatan row's ancestors (null on the other levels). */
  regency_code: string | null;
  province_code: string | null;
  region_code: string | null;
  stage_0: number;
  stage_1: number;
  stage_2: number;
  stage_3: number;
  stage_4: number;
}

export type ApiTokenRole = 'cadre' | 'analyst' | 'lead' | 'engineer' | 'admin';

export interface ApiTokensTable {
  token_id: string;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  token_hash: string;
  name: string;
  role: ApiTokenRole;
  /** A lead's province or kabupaten, a cadre's village; null for the other roles. */
  scope: string | null;
  created_at: Timestamp;
  created_by: string;
  revoked_at: ColumnType<Date | null, string | null, string | null>;
}

/** The acts the audit trail records. */
export const AUDIT_ACTIONS = [
  'token.created',
  'token.revoked',
  'import.started',
  'jobs.retried',
  'roster.uploaded',
  'flag.followed_up',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditTable {
  /** Increases with every act recorded: the trail's order. */
  audit_id: Generated<number>;
  occurred_at: Timestamp;
  /** The token that acted (`bootstrap` for ADMIN_TOKEN, `cli` for the tokens CLI). */
  actor_token_id: string;
  actor_name: string;
  actor_role: string;
  action: AuditAction;
  /** What was acted on: a token id, an import id; null when the act names nothing single. */
  target: string | null;
  /** JSON: what else the act was about (a role and scope, a file name, job counts). */
  details: string | null;
}

export interface DirtyScopesTable {
  period: string;
  district_code: string;
}

export interface DirtyReportsTable {
  village_code: string;
  period: string;
}

export interface QualityFlagsTable {
  id: number;
  village_code: string;
  period: string;
  indicator: string;
  method: QualityMethod;
  value: number;
  /** The median of the baseline values, or the repeated value (`stuck`). */
  baseline: number;
  /** The modified z-score, or STUCK_SCORE. */
  score: number;
  status: QualityStatus;
  comment: string | null;
  updated_by: string | null;
  updated_at: ColumnType<Date | null, string | null, string | null>;
  flagged_at: Timestamp;
  region_code: string;
  province_code: string;
  regency_code: string;
  district_code: string;
}

export interface Database {
  meta: MetaTable;
  areas: AreasTable;
  cadres: CadresTable;
  reports: ReportsTable;
  report_history: ReportHistoryTable;
  submissions: SubmissionsTable;
  imports: ImportsTable;
  area_scores: AreaScoresTable;
  dirty_scopes: DirtyScopesTable;
  dirty_flag_scopes: DirtyScopesTable;
  dirty_reports: DirtyReportsTable;
  quality_flags: QualityFlagsTable;
  api_tokens: ApiTokensTable;
  audit: AuditTable;
}
