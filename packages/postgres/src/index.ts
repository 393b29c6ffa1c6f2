export type { StoreTimeouts } from './errors/to-orchestrix-error';
export { toOrchestrixError } from './errors/to-orchestrix-error';
export type { MigrationStatus } from './migrations/migrate';
export { migrate, migrationStatus, verifySchema } from './migrations/migrate';
export type { PostgreSQLEventStoreOptions, ResolvedOptions } from './options';
export { resolveOptions, validateSchemaName } from './options';
export type { InitializeOptions } from './postgresql-event-store';
export { PostgreSQLEventStore } from './postgresql-event-store';
