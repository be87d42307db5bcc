// The first schema: hierarchy, roster, reports, submissions (lineage), imports and pre-aggregates.
import { INDICATOR_COLUMNS_DDL, PILLAR_COLUMNS_DDL } from '../catalogue-columns';

/** Columns shared by the current reports and the versions they replaced. */
const REPORT_COLUMNS = `
  village_code VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  report_id VARCHAR NOT NULL,
  cadre_id VARCHAR,
  submission_id VARCHAR NOT NULL,
  source_id VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  outcome VARCHAR NOT NULL,
  submitted_at TIMESTAMPTZ NOT NULL,
  first_submitted_at TIMESTAMPTZ NOT NULL,
  on_time BOOLEAN NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  notes VARCHAR,
  ${PILLAR_COLUMNS_DDL},
  dci DOUBLE NOT NULL,
  stage TINYINT NOT NULL,
  region_code VARCHAR NOT NULL,
  province_code VARCHAR NOT NULL,
  regency_code VARCHAR NOT NULL,
  district_code VARCHAR NOT NULL,
  ${INDICATOR_COLUMNS_DDL}`;

export const statements = [
  `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,

  // Every area of every level; ancestor codes are denormalised so any level filters by any parent.
  `CREATE TABLE areas (
     code VARCHAR PRIMARY KEY,
     level VARCHAR NOT NULL,
     name VARCHAR NOT NULL,
     parent_code VARCHAR,
     region_code VARCHAR,
     province_code VARCHAR,
     regency_code VARCHAR,
     district_code VARCHAR,
     children INTEGER NOT NULL DEFAULT 0,
     villages INTEGER NOT NULL DEFAULT 0
   )`,

  `CREATE TABLE cadres (
     cadre_id VARCHAR PRIMARY KEY,
     name VARCHAR NOT NULL,
     village_code VARCHAR NOT NULL,
     region VARCHAR,
     active BOOLEAN NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL
   )`,

  // The accepted report of each (village_code, period): the natural key, kept unique by the
  // single writer's upsert rather than by an index (indexes slow bulk appends several-fold).
  // One typed column per indicator (catalogue-columns.ts); scores and ancestors alongside.
  `CREATE TABLE reports (${REPORT_COLUMNS})`,

  // Every accepted version a later one replaced: corrections keep their history.
  `CREATE TABLE report_history (${REPORT_COLUMNS}, replaced_at TIMESTAMPTZ NOT NULL, replaced_by VARCHAR NOT NULL)`,

  // Every submission and what became of it: the lineage from any number back to its source.
  `CREATE TABLE submissions (
     submission_id VARCHAR NOT NULL,
     source VARCHAR NOT NULL,
     source_id VARCHAR NOT NULL,
     line INTEGER NOT NULL,
     report_id VARCHAR,
     cadre_id VARCHAR,
     village_code VARCHAR,
     period VARCHAR,
     submitted_at TIMESTAMPTZ,
     received_at TIMESTAMPTZ NOT NULL,
     loaded_at TIMESTAMPTZ NOT NULL,
     outcome VARCHAR NOT NULL,
     reason VARCHAR,
     errors JSON,
     payload JSON
   )`,

  // Imports and their summary. Counts of a real import are recounted from its submissions by the
  // loader; a dry run writes no submissions, so it keeps its counts and first errors here.
  `CREATE TABLE imports (
     import_id VARCHAR PRIMARY KEY,
     filename VARCHAR,
     format VARCHAR NOT NULL,
     dry_run BOOLEAN NOT NULL,
     status VARCHAR NOT NULL,
     rows INTEGER,
     processed INTEGER NOT NULL DEFAULT 0,
     imported INTEGER NOT NULL DEFAULT 0,
     updated INTEGER NOT NULL DEFAULT 0,
     ignored INTEGER NOT NULL DEFAULT 0,
     rejected INTEGER NOT NULL DEFAULT 0,
     dry_run_errors JSON,
     error VARCHAR,
     created_at TIMESTAMPTZ NOT NULL,
     finished_at TIMESTAMPTZ
   )`,

  // Pre-aggregated scores per area and period (region, province, regency, district, country):
  // what dashboards read, refreshed by the loader for the scopes each batch touched.
  `CREATE TABLE area_scores (
     code VARCHAR NOT NULL,
     level VARCHAR NOT NULL,
     period VARCHAR NOT NULL,
     villages_reporting INTEGER NOT NULL,
     on_time INTEGER NOT NULL,
     dci DOUBLE NOT NULL,
     ${PILLAR_COLUMNS_DDL},
     stage_0 INTEGER NOT NULL,
     stage_1 INTEGER NOT NULL,
     stage_2 INTEGER NOT NULL,
     stage_3 INTEGER NOT NULL,
     stage_4 INTEGER NOT NULL
   )`,

  // Scopes whose pre-aggregates are stale, written in the same transaction as the reports.
  `CREATE TABLE dirty_scopes (period VARCHAR NOT NULL, district_code VARCHAR NOT NULL)`,
];
