// A village's page reads its reports, replaced versions and submissions: an ART index on the
// village code makes each a point lookup rather than a scan of every stored row (DuckDB uses
// it for an equality filter alone, matching a few rows: see villages.queries.ts).
export const statements = [
  'CREATE INDEX reports_village ON reports (village_code)',
  'CREATE INDEX report_history_village ON report_history (village_code)',
  'CREATE INDEX submissions_village ON submissions (village_code)',
];
