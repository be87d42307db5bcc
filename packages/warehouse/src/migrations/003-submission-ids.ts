// One row per submission id, enforced by the warehouse: the loader's exactly-once rule made a
// constraint, so that a bug can fail a load but never count a submission twice.

export const statements = [
  // Stores from before this migration may hold a submission recorded twice in one transaction.
  `DELETE FROM submissions
   WHERE rowid NOT IN (SELECT min(rowid) FROM submissions GROUP BY submission_id)`,
  `CREATE UNIQUE INDEX submissions_submission_id ON submissions (submission_id)`,
];
