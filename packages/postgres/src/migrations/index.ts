import type { Migration, MigrationProvider } from 'kysely';
import { createEventStore } from './0001-create-event-store';
import { createCheckpointsSagasDeadLetters } from './0002-create-checkpoints-sagas-dead-letters';
import { notifyAppends } from './0003-notify-appends';

/** The numbered migrations of one schema, in order. A released migration is never edited. */
export function migrationsFor(schema: string): Record<string, Migration> {
  return {
    '0001-create-event-store': createEventStore(schema),
    '0002-create-checkpoints-sagas-dead-letters': createCheckpointsSagasDeadLetters(schema),
    '0003-notify-appends': notifyAppends(schema),
  };
}

/** The newest migration this version of the package needs. */
export const LATEST_MIGRATION = '0003-notify-appends';

/** Hands kysely's Migrator the migrations of `schema`. */
export function migrationProvider(schema: string): MigrationProvider {
  return { getMigrations: async () => migrationsFor(schema) };
}
