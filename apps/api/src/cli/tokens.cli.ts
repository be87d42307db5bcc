// `npm run tokens -- create|list|revoke`: manage API tokens in a data dir, or through a running API.
import { parseArgs } from 'node:util';
import { adminTokenPath, readAdminTokenFile } from '@pantau/config';
import { listApiTokens, openWarehouse, type Warehouse } from '@pantau/warehouse';
import { issueApiToken, newTokenSchema, revokeToken } from '../auth/api-tokens';
import { ApiError } from '../errors';
import { dataDir, env } from './env';

const USAGE = `Usage: npm run tokens -- <command> [options]

Commands:
  create --name <text> --role <cadre|analyst|lead|engineer|admin> [--scope <area code>]
  list [--all]                 tokens, newest first (--all: revoked ones too)
  revoke <token_id>

Options:
  --data-dir <dir>   the data dir to open (default DATA_DIR); the API must be stopped,
                     since only one process may open a DuckDB file
  --api <url>        go through a running API instead (e.g. http://127.0.0.1:8787),
                     authenticated with ADMIN_TOKEN, or the token the API generated
                     into DATA_DIR/admin-token when none was set
`;

/** What the tool prints of a token. */
interface TokenRow {
  token_id: string;
  name: string;
  role: string;
  scope: string | null;
  created_at: string | Date;
  revoked_at: string | Date | null;
}

/** The same three operations, over HTTP or straight on the data dir. */
interface TokenStore {
  create(input: unknown): Promise<TokenRow & { token: string }>;
  list(all: boolean): Promise<TokenRow[]>;
  revoke(id: string): Promise<TokenRow | null>;
  close(): Promise<void>;
}

/** Who the audit trail names for changes made straight on the data dir. */
const CLI_ACTOR = { token_id: 'cli', name: 'tokens CLI', role: 'admin' };

/** A failure to report in one line, without a stack. */
class CliError extends Error {}

const out = (line: string) => process.stdout.write(`${line}\n`);

function iso(value: string | Date | null): string {
  if (value === null) return '-';
  return typeof value === 'string' ? value : value.toISOString();
}

function printRows(rows: TokenRow[]): void {
  if (rows.length === 0) {
    out('(no tokens)');
    return;
  }
  out(['token_id', 'role', 'scope', 'created_at', 'revoked_at', 'name'].join('\t'));
  for (const r of rows) {
    const cells = [r.token_id, r.role, r.scope ?? '-', iso(r.created_at), iso(r.revoked_at)];
    out([...cells, r.name].join('\t'));
  }
}

function httpStore(base: string): TokenStore {
  const adminToken = env.ADMIN_TOKEN ?? readAdminTokenFile(dataDir);
  if (!adminToken) {
    throw new CliError(
      `--api needs ADMIN_TOKEN set to the API’s admin token (or the generated one in ${adminTokenPath(dataDir)})`,
    );
  }
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(new URL(`/api/v1${path}`, base), {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { error?: { message: string } };
    if (res.status === 404 && method === 'DELETE') return null;
    if (!res.ok) throw new CliError(`${res.status}: ${json.error?.message ?? res.statusText}`);
    return json;
  }
  return {
    create: async (input) => (await call('POST', '/tokens', input)) as TokenRow & { token: string },
    list: async (all) => {
      const page = (await call('GET', `/tokens?include_revoked=${all}&limit=1000`)) as {
        rows: TokenRow[];
      };
      return page.rows;
    },
    revoke: async (id) =>
      (await call('DELETE', `/tokens/${encodeURIComponent(id)}`)) as TokenRow | null,
    close: async () => {},
  };
}

async function dataDirStore(dataDir: string): Promise<TokenStore> {
  let warehouse: Warehouse;
  try {
    warehouse = await openWarehouse({ dataDir, readers: 1 });
  } catch (error) {
    const message = (error as Error).message;
    if (!/lock/i.test(message)) throw error;
    throw new CliError(`${dataDir} is in use (is the API running?): stop it, or pass --api <url>`);
  }
  return {
    async create(input) {
      const parsed = newTokenSchema.safeParse(input);
      if (!parsed.success) {
        throw new CliError(
          parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'),
        );
      }
      const { record, token } = await issueApiToken(warehouse, parsed.data, CLI_ACTOR, new Date());
      return { ...record, token };
    },
    list: (all) => listApiTokens(warehouse.db, { includeRevoked: all, limit: 1000 }),
    revoke: (id) => revokeToken(warehouse, id, CLI_ACTOR, new Date()),
    close: () => warehouse.close(),
  };
}

async function run(command: string, tokenId: string | undefined, options: typeof values) {
  const store = options.api
    ? httpStore(options.api)
    : await dataDirStore(options['data-dir'] ?? dataDir);
  try {
    switch (command) {
      case 'create': {
        const input = { name: options.name, role: options.role, scope: options.scope };
        const created = await store.create(input);
        printRows([created]);
        out(`\nToken (shown only now; store it safely):\n${created.token}`);
        return;
      }
      case 'list':
        return printRows(await store.list(options.all));
      case 'revoke': {
        if (!tokenId) throw new CliError('revoke needs a token_id (see `list`)');
        const revoked = await store.revoke(tokenId);
        if (!revoked) throw new CliError(`No token has the id ${tokenId}`);
        return printRows([revoked]);
      }
      default:
        throw new CliError(`Unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await store.close();
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    scope: { type: 'string' },
    all: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    api: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const [command, tokenId] = positionals;
if (values.help || !command) {
  out(USAGE);
  process.exitCode = values.help ? 0 : 1;
} else {
  try {
    await run(command, tokenId, values);
  } catch (error) {
    if (!(error instanceof CliError || error instanceof ApiError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
