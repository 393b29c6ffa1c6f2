import type { Migration, MigrationProvider } from 'kysely';
import { createEventStore } from './0001-create-event-store';
import { createCheckpointsSagasDeadLetters } from './0002-create-checkpoints-sagas-dead-letters';

/** The numbered migrations of one schema, in order. A released migration is never edited. */
export function migrationsFor(schema: string): Record<string, Migration> {
  return {
    '0001-create-event-store': createEventStore(schema),
    '0002-create-checkpoints-sagas-dead-letters': createCheckpointsSagasDeadLetters(schema),
  };
}

/** The newest migration this version of the package needs. */
export const LATEST_MIGRATION = '0002-create-checkpoints-sagas-dead-letters';

/** Hands kysely's Migrator the migrations of `schema`. */
export function migrationProvider(schema: string): MigrationProvider {
  return { getMigrations: async () => migrationsFor(schema) };
}
