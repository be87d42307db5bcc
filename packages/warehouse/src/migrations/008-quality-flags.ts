// Data quality flags (DESIGN.md "Data quality flags"): values that look wrong, with follow-up.

export const statements = [
  `CREATE SEQUENCE quality_flag_seq START 1`,
  // One row per (village_code, period, indicator, method) the stored reports flag. Recomputed by
  // the loader for the reports and kecamatan a load touched; the follow-up (status, comment,
  // who and when) and the id stay while the flag does. Ancestor codes are the report's.
  `CREATE TABLE quality_flags (
     id BIGINT NOT NULL,
     village_code VARCHAR NOT NULL,
     period VARCHAR NOT NULL,
     indicator VARCHAR NOT NULL,
     method VARCHAR NOT NULL,
     value DOUBLE NOT NULL,
     baseline DOUBLE NOT NULL,
     score DOUBLE NOT NULL,
     status VARCHAR NOT NULL,
     comment VARCHAR,
     updated_by VARCHAR,
     updated_at TIMESTAMPTZ,
     flagged_at TIMESTAMPTZ NOT NULL,
     region_code VARCHAR NOT NULL,
     province_code VARCHAR NOT NULL,
     regency_code VARCHAR NOT NULL,
     district_code VARCHAR NOT NULL
   )`,
  // Reports stored, replaced or corrected since flags were last computed (with dirty_scopes).
  `CREATE TABLE dirty_reports (village_code VARCHAR NOT NULL, period VARCHAR NOT NULL)`,
  // Reports stored before flags existed are flagged when the warehouse next opens.
  'INSERT INTO dirty_reports SELECT village_code, period FROM reports',
  'INSERT INTO dirty_scopes SELECT DISTINCT period, district_code FROM reports',
];
