// Area aggregates keep their sums and counts, so that a kabupaten, a province, a region and the
// country are summed from their kecamatan rows instead of from every report under them: a live
// transaction refreshes a few dozen rows, not a whole month of the country's reports.
import { PILLAR_CODES } from '@pantau/domain';

export const statements = [
  // A kecamatan row names its ancestors, so upper levels group its rows without a join.
  'ALTER TABLE area_scores ADD COLUMN regency_code VARCHAR',
  'ALTER TABLE area_scores ADD COLUMN province_code VARCHAR',
  'ALTER TABLE area_scores ADD COLUMN region_code VARCHAR',
  'ALTER TABLE area_scores ADD COLUMN dci_sum DOUBLE',
  ...PILLAR_CODES.flatMap((p) => [
    `ALTER TABLE area_scores ADD COLUMN ${p}_sum DOUBLE`,
    `ALTER TABLE area_scores ADD COLUMN ${p}_n INTEGER`,
  ]),
  // Every existing aggregate is rebuilt with its sums when the warehouse next opens.
  'INSERT INTO dirty_scopes SELECT DISTINCT period, district_code FROM reports',
];
