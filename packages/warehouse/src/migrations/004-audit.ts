// The audit trail: who created or revoked a token, started an import, retried failed jobs or
// uploaded the roster, and when.

export const statements = [
  // The order acts were recorded in, by the single writer: ties of the clock stay ordered.
  `CREATE SEQUENCE audit_seq START 1`,
  // One row per act, never updated or deleted. `actor_*` copy the principal at the time, so the
  // trail still reads after a token is revoked; `details` holds what the act was about (JSON).
  `CREATE TABLE audit (
     audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
     occurred_at TIMESTAMPTZ NOT NULL,
     actor_token_id VARCHAR NOT NULL,
     actor_name VARCHAR NOT NULL,
     actor_role VARCHAR NOT NULL,
     action VARCHAR NOT NULL,
     target VARCHAR,
     details JSON
   )`,
];
