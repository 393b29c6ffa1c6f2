import { FixedDelay, retry, StoreUnavailableError } from '@orchestrix/core';
import { type Kysely, Migrator, sql } from 'kysely';
import { LATEST_MIGRATION, migrationProvider, migrationsFor } from './index';

/** Where a schema stands: the migrations applied and those this version of the package still needs. */
export interface MigrationStatus {
  readonly schema: string;
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

const CATALOG_RACE_RETRY = new FixedDelay({ maxRetries: 5, delayMs: 50 });

// 3F000 (schema gone) and 42P01 (table gone) while listing the catalog during another schema's drop.
function isCatalogRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '3F000' || code === '42P01';
}

function migratorFor(db: Kysely<unknown>, schema: string): Migrator {
  return new Migrator({ db, provider: migrationProvider(schema), migrationTableSchema: schema });
}

/**
 * Applies the pending numbered migrations of `schema`, recorded in its migrations table. kysely's
 * Migrator holds an advisory lock meanwhile, so many processes may call it at once.
 *
 * @throws {@link StoreUnavailableError} naming the migration that failed.
 */
export async function migrate(db: Kysely<unknown>, schema: string): Promise<MigrationStatus> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  // kysely's Migrator finds its tables by listing every table of the database, which fails while
  // another schema is being dropped: such a failure is retried.
  const { error, results } = await retry(
    async () => {
      const result = await migratorFor(db, schema).migrateToLatest();
      if (result.error !== undefined && isCatalogRace(result.error)) throw result.error;
      return result;
    },
    CATALOG_RACE_RETRY,
    { retryOn: isCatalogRace },
  );
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreUnavailableError(`Migration ${failed} of schema "${schema}" failed: see cause.`, { cause: error });
  }
  return migrationStatus(db, schema);
}

/** Reads which migrations of `schema` are applied and which are pending, without changing anything. */
export async function migrationStatus(db: Kysely<unknown>, schema: string): Promise<MigrationStatus> {
  const names = Object.keys(migrationsFor(schema));
  const exists = await sql<{ found: boolean }>`
    select exists (select 1 from pg_tables where schemaname = ${schema} and tablename = 'kysely_migration') as found`.execute(
    db,
  );
  if (exists.rows[0]?.found !== true) return { schema, applied: [], pending: names };
  // Read the migrations table directly: kysely's getMigrations() lists every table of the database.
  const rows = await sql<{ name: string }>`select name from ${sql.id(schema, 'kysely_migration')}`.execute(db);
  const applied = new Set(rows.rows.map((row) => row.name));
  return {
    schema,
    applied: names.filter((name) => applied.has(name)),
    pending: names.filter((name) => !applied.has(name)),
  };
}

/**
 * Verifies that `schema` has every migration this version needs.
 *
 * @throws {@link StoreUnavailableError} naming the command that migrates it.
 */
export async function verifySchema(db: Kysely<unknown>, schema: string): Promise<void> {
  const status = await migrationStatus(db, schema);
  if (status.pending.length > 0) {
    const at = status.applied.at(-1) ?? 'none';
    throw new StoreUnavailableError(
      `Schema "${schema}" is at migration ${at}, this version needs ${LATEST_MIGRATION}: call store.initialize(), or run "orchestrix-postgres migrate --schema ${schema}".`,
    );
  }
}
