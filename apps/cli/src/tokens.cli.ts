// `npm run tokens -- create|list|revoke`: API tokens, through the running API (POST /tokens and
// friends): never by opening the database, which the API owns.
import { parseArgs } from 'node:util';
import { jsonOf, type ApiV1 } from '@pantau/api/client';
import type { InferResponseType } from 'hono/client';
import { connect, loadEnv } from './invocation';
import { CliError, runCli, UsageError } from './run-cli';

const USAGE = `Usage: npm run tokens -- <command> [options]

Commands:
  create --name <text> --role <cadre|analyst|lead|engineer|admin> [--scope <area code>]
                     prints the token once; the API keeps only its SHA-256
  list [--all]       tokens, newest first (--all: revoked ones too)
  revoke <token_id>

Options:
  --json             print the result as JSON on stdout
  --api <url>        the API (default API_URL when set, else http://127.0.0.1:$API_PORT)
  --token <token>    an admin token (default ADMIN_TOKEN, else the admin token npm start
                     wrote into DATA_DIR/admin-token)
  -h, --help         this text
`;

const LISTED = 1_000;

type Created = InferResponseType<ApiV1['tokens']['$post'], 201>;
type Listed = InferResponseType<ApiV1['tokens']['$get'], 200>;
type TokenRow = Listed['rows'][number];

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function printRows(rows: readonly TokenRow[]): void {
  if (rows.length === 0) {
    out('(no tokens)');
    return;
  }
  out(['token_id', 'role', 'scope', 'created_at', 'revoked_at', 'name'].join('\t'));
  for (const r of rows) {
    out([r.token_id, r.role, r.scope ?? '-', r.created_at, r.revoked_at ?? '-', r.name].join('\t'));
  }
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        scope: { type: 'string' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        api: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

await runCli(async (argv) => {
  const { values, positionals } = parseOptions(argv);
  const [command, tokenId] = positionals;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!command) throw new UsageError('Give a command');
  const tokens = connect(loadEnv(), values).client.api.v1.tokens;
  const print = (value: unknown, text: () => void) =>
    values.json ? out(JSON.stringify(value, null, 2)) : text();
  switch (command) {
    case 'create': {
      const { name = '', role = '', scope } = values;
      const json = { name, role, ...(scope ? { scope } : {}) } as Parameters<
        typeof tokens.$post
      >[0]['json'];
      const created = await jsonOf<Created>(await tokens.$post({ json }));
      return print(created, () => {
        printRows([created]);
        out(`\nToken (shown only now; store it safely):\n${created.token}`);
      });
    }
    case 'list': {
      const query = {
        include_revoked: String(values.all) as 'true' | 'false',
        limit: String(LISTED),
      };
      const { rows } = await jsonOf<Listed>(await tokens.$get({ query }));
      return print(rows, () => printRows(rows));
    }
    case 'revoke': {
      if (!tokenId) throw new UsageError('revoke needs a token_id (see `list`)');
      const response = await tokens[':id'].$delete({ param: { id: tokenId } });
      if (response.status === 404) throw new CliError(`No token has the id ${tokenId}`);
      const revoked = await jsonOf<TokenRow>(response);
      return print(revoked, () => printRows([revoked]));
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}, USAGE);
