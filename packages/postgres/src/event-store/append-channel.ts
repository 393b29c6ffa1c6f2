import { validateSchemaName } from '../options';

const CHANNEL_PREFIX = 'orchestrix_';
const MAX_IDENTIFIER_BYTES = 63;

/**
 * The `LISTEN/NOTIFY` channel on which `append_events` announces appends to `schema`: `orchestrix_<schema>`,
 * cut to PostgreSQL's 63-byte identifier limit (the schema name is ASCII, so bytes are characters).
 */
export function appendChannel(schema: string): string {
  validateSchemaName(schema);
  return `${CHANNEL_PREFIX}${schema}`.slice(0, MAX_IDENTIFIER_BYTES);
}
