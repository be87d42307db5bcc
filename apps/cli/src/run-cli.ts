// How every CLI ends: its exit code, or its failure in a line or two on stderr (no stack trace
// for what the user can act on).
import { ApiCallError, ApiUnreachableError } from '@pantau/api/client';

/** A failure to report in one line, without a stack (exit code 1, or `code`). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

/** Bad arguments: the message, then the usage, is shown; exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

const EXIT_USAGE = 2;
const DETAILS_SHOWN = 20;

function explain(error: unknown, usage: string): { message: string; code: number } | null {
  if (error instanceof UsageError)
    return { message: `${error.message}\n\n${usage}`, code: EXIT_USAGE };
  if (error instanceof CliError) return { message: error.message, code: error.code };
  if (error instanceof ApiUnreachableError)
    return { message: `${error.message}. Is it running (npm start)?`, code: 1 };
  if (error instanceof ApiCallError) {
    const details = error.details.slice(0, DETAILS_SHOWN).map((d) => `  - ${JSON.stringify(d)}`);
    return { message: [error.message, ...details].join('\n'), code: 1 };
  }
  // A file that cannot be opened or written (ENOENT, EACCES …): the user can act on it.
  if (error instanceof Error && 'syscall' in error) return { message: error.message, code: 1 };
  return null;
}

/** Runs a CLI's main on its arguments and sets the exit code; unexpected errors still throw. */
export async function runCli(
  main: (argv: string[]) => Promise<number | void>,
  usage: string,
): Promise<void> {
  try {
    const code = await main(process.argv.slice(2));
    if (code !== undefined) process.exitCode = code;
  } catch (error) {
    const explained = explain(error, usage);
    if (!explained) throw error;
    process.stderr.write(`${explained.message}\n`);
    process.exitCode = explained.code;
  }
}
