// The orchestrix-postgres command line, through runCli, against the real database.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli';
import { migrationsFor } from '../src/migrations/index';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const pool = testPool(2);
const schema = uniqueSchemaName('cli');
const migrationNames = Object.keys(migrationsFor(schema));

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

interface CliRun {
  readonly exitCode: number;
  readonly output: string[];
  readonly errors: string[];
}

async function cli(argv: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const output: string[] = [];
  const errors: string[] = [];
  const exitCode = await runCli(argv, {
    write: (text) => output.push(text),
    writeError: (text) => errors.push(text),
    env,
  });
  return { exitCode, output: output.join('').split('\n').filter(Boolean), errors };
}

describe('orchestrix-postgres', () => {
  it('reports every migration pending on a schema never migrated', async () => {
    const run = await cli(['status', '--schema', schema, '--url', TEST_DATABASE_URL]);

    expect(run.exitCode).toBe(0);
    expect(run.output.slice(1)).toEqual(migrationNames.map((name) => `pending  ${name}`));
  });

  it('applies every migration, then reports them applied and none pending', async () => {
    const migrated = await cli(['migrate', '--schema', schema], { DATABASE_URL: TEST_DATABASE_URL });

    const status = await cli(['status', '--schema', schema], { DATABASE_URL: TEST_DATABASE_URL });

    expect(migrated.exitCode).toBe(0);
    expect(status.exitCode).toBe(0);
    expect(status.output.slice(1)).toEqual([...migrationNames.map((name) => `applied  ${name}`), 'pending  (none)']);
  });

  it('migrates a migrated schema again without changing anything', async () => {
    await cli(['migrate', '--schema', schema, '--url', TEST_DATABASE_URL]);

    const again = await cli(['migrate', '--schema', schema, '--url', TEST_DATABASE_URL]);

    expect(again.exitCode).toBe(0);
    expect(again.output).toContain('pending  (none)');
  });

  it('fails with exit code 1 and one typed line that never shows the password', async () => {
    const url = 'postgresql://postgres:s3cret-p%40ss@127.0.0.1:1/test';

    const run = await cli(['status', '--schema', schema, '--url', url]);

    expect(run.exitCode).toBe(1);
    expect(run.output).toEqual([]);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^orchestrix-postgres: StoreUnavailableError \(STORE_UNAVAILABLE\): [^\n]+\n$/);
    expect(run.errors[0]).not.toMatch(/s3cret|p@ss/);
  });

  it.each([
    ['an unknown command', ['upgrade', '--url', TEST_DATABASE_URL]],
    ['an unknown option', ['status', '--verbose', '--url', TEST_DATABASE_URL]],
    ['a schema that is not a plain identifier', ['status', '--schema', 'Bad-Schema', '--url', TEST_DATABASE_URL]],
    ['no URL and no DATABASE_URL', ['status']],
  ])('refuses %s with exit code 1 and a ValidationError line', async (_case, argv) => {
    const run = await cli(argv);

    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^orchestrix-postgres: ValidationError \(VALIDATION\): /);
  });

  it('prints its usage for --help', async () => {
    const run = await cli(['--help']);

    expect(run.exitCode).toBe(0);
    expect(run.output[0]).toMatch(/^Usage: orchestrix-postgres/);
  });
});
