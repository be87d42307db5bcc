// The (period, kecamatan) scopes whose quality flags are stale, marked apart from those whose area
// scores are: the warehouse refreshes the two in writes of their own (warehouse.ts), each
// clearing only its own marks, so a live load that commits between them is left to neither.
export const statements = [
  `CREATE TABLE dirty_flag_scopes (period VARCHAR NOT NULL, district_code VARCHAR NOT NULL)`,
  'INSERT INTO dirty_flag_scopes SELECT period, district_code FROM dirty_scopes',
];
