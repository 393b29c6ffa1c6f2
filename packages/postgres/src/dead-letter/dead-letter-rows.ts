import {
  copyDeadLetterError,
  type DeadLetter,
  type DeadLetterError,
  decodeJson,
  type Message,
  OPTIONAL_MESSAGE_FIELDS,
} from '@orchestrix/core';
import { type SelectExpression, sql } from 'kysely';
import type { Database } from '../internal/database';

/** A `dead_letters` row as this package reads it: the message and error as JSON text, decoded by core. */
export interface DeadLetterRow {
  readonly id: string;
  readonly handler_name: string;
  readonly message: string;
  readonly attempts: number;
  readonly error: string;
  readonly failed_at: Date;
}

/** The columns of {@link DeadLetterRow}, for `select` and `returning`. */
export const DEAD_LETTER_COLUMNS = [
  'id',
  'handler_name',
  sql<string>`message::text`.as('message'),
  'attempts',
  sql<string>`error::text`.as('error'),
  'failed_at',
] satisfies readonly SelectExpression<Database, 'dead_letters'>[];

const MESSAGE_KEYS = ['kind', 'type', 'data', 'id', 'specversion', 'source', 'timestamp', 'schemaVersion'] as const;

/**
 * The envelope a letter's message is stored as: the message's own fields, and a stored event's
 * `streamId`, `version` and `position` (a bigint, which the codec writes as a decimal string).
 */
export function messageEnvelope(message: Message): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  const source = message as unknown as Record<string, unknown>;
  for (const key of [...MESSAGE_KEYS, ...OPTIONAL_MESSAGE_FIELDS, 'streamId', 'version', 'position']) {
    if (source[key] !== undefined) envelope[key] = source[key];
  }
  return envelope;
}

/** Rebuilds the frozen message from its decoded envelope: a stored event gets its bigint position back. */
function messageOf(envelope: Record<string, unknown>): Message {
  const message: Record<string, unknown> = {};
  for (const key of [...MESSAGE_KEYS, ...OPTIONAL_MESSAGE_FIELDS]) {
    if (envelope[key] !== undefined) message[key] = envelope[key];
  }
  const { streamId, version, position } = envelope;
  if (typeof streamId === 'string' && typeof version === 'number' && typeof position === 'string') {
    Object.assign(message, { streamId, version, position: BigInt(position) });
  }
  return Object.freeze(message) as unknown as Message;
}

/**
 * Maps a row to a deeply frozen letter, the same shape the in-memory queue hands out.
 *
 * @throws {@link SerializationError} when the stored message or error cannot be decoded.
 */
export function rowToDeadLetter(row: DeadLetterRow): DeadLetter {
  const error = copyDeadLetterError(decodeJson(row.error, 'error') as unknown as DeadLetterError);
  return Object.freeze({
    id: row.id,
    message: messageOf(decodeJson(row.message, 'message') as Record<string, unknown>),
    handlerName: row.handler_name,
    attempts: row.attempts,
    error,
    failedAt: row.failed_at.toISOString(),
  });
}
