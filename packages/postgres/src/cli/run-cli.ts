import { parseArgs } from 'node:util';
import { OrchestrixError, ValidationError } from '@orchestrix/core';
import { Kysely, PostgresDialect } from 'kysely';
import { toOrchestrixError } from '../errors/to-orchestrix-error';
import { createPool } from '../internal/create-pool';
import { type MigrationStatus, migrate, migrationStatus } from '../migrations/migrate';
import { resolveOptions } from '../options';
import { redactSecrets, redactUrl } from './redact-url';

/** Where {@link runCli} writes, and where it reads its environment. */
export interface CliOptions {
  /** Receives the output, a line at a time, each ending in a newline. */
  readonly write: (text: string) => void;
  /** Receives the one-line error of a failed run; `write` unless given. */
  readonly writeError?: (text: string) => void;
  /** Where `DATABASE_URL` is read; `process.env` unless given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: orchestrix-postgres <command> [--schema orchestrix] [--url postgresql://…]

Commands:
  migrate   apply the pending migrations of the schema (under an advisory lock; safe to run twice)
  status    list the applied and pending migrations of the schema

Options:
  --schema  the schema the Orchestrix tables live in (default: orchestrix)
  --url     the PostgreSQL connection URL (default: the DATABASE_URL environment variable)
  --help    show this help
`;

const OPTIONS = {
  schema: { type: 'string' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The time limits named by an error that escapes before the options are resolved (none is expected). */
const DEFAULT_TIMEOUTS = { statementTimeoutMs: 30_000, lockTimeoutMs: 10_000 } as const;

type Command = 'migrate' | 'status' | 'help';

interface Invocation {
  readonly command: Command;
  readonly schema: string;
  readonly url: string | undefined;
}

function parseInvocation(argv: readonly string[]): Invocation {
  let parsed: { values: { schema?: string; url?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError('argv', undefined, `${reason}: see orchestrix-postgres --help`, { cause: error });
  }
  const [command, ...rest] = parsed.positionals;
  const { schema = 'orchestrix', url, help } = parsed.values;
  if (help === true || command === 'help') return { command: 'help', schema, url };
  if (command !== 'migrate' && command !== 'status') {
    throw new ValidationError('command', command, 'command must be migrate or status: see orchestrix-postgres --help');
  }
  if (rest.length > 0) {
    throw new ValidationError('argv', rest, `unexpected argument "${rest[0]}": see orchestrix-postgres --help`);
  }
  return { command, schema, url };
}

function statusLines(heading: string, status: MigrationStatus): string[] {
  return [
    heading,
    ...status.applied.map((name) => `applied  ${name}`),
    ...(status.pending.length === 0 ? ['pending  (none)'] : status.pending.map((name) => `pending  ${name}`)),
  ];
}

async function migrateOrReport(command: 'migrate' | 'status', schemaName: string, url: string): Promise<string[]> {
  const options = resolveOptions({ connectionString: url, schema: schemaName });
  const pool = createPool({ ...options, connectionString: url, poolMin: 0, poolMax: 2, onError: () => undefined });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const target = `schema "${options.schema}" on ${redactUrl(url)}`;
  try {
    return command === 'migrate'
      ? statusLines(`Migrated ${target}`, await migrate(db, options.schema))
      : statusLines(`Status of ${target}`, await migrationStatus(db, options.schema));
  } catch (error) {
    throw toOrchestrixError(error, `${command} schema "${options.schema}"`, options);
  } finally {
    await db.destroy();
  }
}

/**
 * Runs the `orchestrix-postgres` command line: `migrate` applies the pending migrations of a schema,
 * `status` lists its applied and pending ones. The URL comes from `--url` or `DATABASE_URL`; no output
 * ever shows its password.
 *
 * @returns The exit code: 0, or 1 after writing one line naming the typed error and its code.
 * @example
 * process.exitCode = await runCli(['migrate', '--schema', 'orchestrix'], { write: (text) => process.stdout.write(text) });
 */
export async function runCli(argv: readonly string[], options: CliOptions): Promise<number> {
  const writeError = options.writeError ?? options.write;
  let url: string | undefined;
  try {
    const invocation = parseInvocation(argv);
    if (invocation.command === 'help') {
      options.write(USAGE);
      return 0;
    }
    url = invocation.url ?? (options.env ?? process.env).DATABASE_URL;
    if (url === undefined || url === '') {
      throw new ValidationError('url', undefined, 'give --url postgresql://… or set DATABASE_URL');
    }
    for (const line of await migrateOrReport(invocation.command, invocation.schema, url)) options.write(`${line}\n`);
    return 0;
  } catch (error) {
    const typed = error instanceof OrchestrixError ? error : toOrchestrixError(error, 'run', DEFAULT_TIMEOUTS);
    const line = `orchestrix-postgres: ${typed.name} (${typed.code}): ${typed.message}`.replace(/\s+/g, ' ');
    writeError(`${redactSecrets(line, url)}\n`);
    return 1;
  }
}
