// API tokens: who may call the API and with which role and scope; only a hash of each secret is kept.

export const statements = [
  // token_hash is the SHA-256 of the whole secret: a stolen database yields no usable token.
  // Revoking sets revoked_at rather than deleting, so the list keeps who had access and when.
  `CREATE TABLE api_tokens (
     token_id VARCHAR PRIMARY KEY,
     token_hash VARCHAR NOT NULL UNIQUE,
     name VARCHAR NOT NULL,
     role VARCHAR NOT NULL,
     scope VARCHAR,
     created_at TIMESTAMPTZ NOT NULL,
     created_by VARCHAR NOT NULL,
     revoked_at TIMESTAMPTZ
   )`,
];
