import {
  type AppendResult,
  ConcurrencyError,
  type Event,
  type ExpectedVersion,
  matchRetriedAppend,
  type PreparedAppend,
  type StoredEvent,
  storedEventOf,
} from '@orchestrix/core';
import type pg from 'pg';
import { type EventStatements, queryEvents } from './event-queries';

const UNIQUE_VIOLATION = '23505';
const EMPTY: readonly StoredEvent[] = Object.freeze([]);

/** How `append_events` encodes an expected version: -1 any, -2 no_stream, -3 stream_exists, else exact. */
function expectedCode(expectedVersion: ExpectedVersion): number {
  switch (expectedVersion) {
    case 'any':
      return -1;
    case 'no_stream':
      return -2;
    case 'stream_exists':
      return -3;
    default:
      return expectedVersion;
  }
}

function envelope(event: Event): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    source: event.source,
    timestamp: event.timestamp,
    schemaVersion: event.schemaVersion,
    subject: event.subject,
    datacontenttype: event.datacontenttype,
    dataschema: event.dataschema,
    correlationId: event.correlationId,
    causationId: event.causationId,
    traceId: event.traceId,
    traceparent: event.traceparent,
  };
}

/** A retry or a reuse of stored ids, decided by core exactly as in every store; `undefined` when none is stored. */
async function matchStoredIds(
  pool: pg.Pool,
  statements: EventStatements,
  prepared: PreparedAppend,
): Promise<AppendResult | undefined> {
  const ids = prepared.events.map((event) => event.id);
  const stored = new Map((await queryEvents(pool, statements.findByIds, [ids])).map((event) => [event.id, event]));
  return matchRetriedAppend(prepared.streamId, prepared.events, (eventId) => stored.get(eventId));
}

async function lastPositionOf(pool: pg.Pool, schema: string, streamId: string): Promise<bigint> {
  const result = await pool.query<{ last: string | null }>(
    `select max(position)::text as last from "${schema}".events where stream_id = $1`,
    [streamId],
  );
  const last = result.rows[0]?.last;
  return last === null || last === undefined ? 0n : BigInt(last);
}

/**
 * Appends a prepared batch in one round trip through `append_events`. A refused expected version or a
 * stored event id then asks core's `matchRetriedAppend` whether this is a retry (the original result) or a
 * reuse (`DuplicateEventError`), so ids are checked before the expected version, as in every store.
 */
export async function appendEvents(
  pool: pg.Pool,
  schema: string,
  statements: EventStatements,
  prepared: PreparedAppend,
): Promise<AppendResult> {
  const { streamId, events, expectedVersion } = prepared;
  const payload = JSON.stringify(events.map(envelope));
  let outcome: { outcome: number; stream_version: number; transaction_id: string | null } | undefined;
  try {
    const result = await pool.query<{ outcome: number; stream_version: number; transaction_id: string | null }>({
      ...statements.append,
      values: [streamId, expectedCode(expectedVersion), payload],
    });
    outcome = result.rows[0];
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    const retried = await matchStoredIds(pool, statements, prepared);
    if (retried !== undefined) return retried;
    throw error;
  }
  if (outcome === undefined) throw new Error('append_events returned no row');
  if (outcome.outcome === 1) {
    const retried = events.length === 0 ? undefined : await matchStoredIds(pool, statements, prepared);
    if (retried !== undefined) return retried;
    throw new ConcurrencyError(streamId, expectedVersion, outcome.stream_version);
  }
  if (events.length === 0 || outcome.transaction_id === null) {
    const lastPosition = outcome.stream_version === 0 ? 0n : await lastPositionOf(pool, schema, streamId);
    return Object.freeze({ nextExpectedVersion: outcome.stream_version, lastPosition, events: EMPTY });
  }
  const base = BigInt(outcome.transaction_id) << 14n;
  const firstVersion = outcome.stream_version - events.length + 1;
  const stored = events.map((event, index) =>
    storedEventOf(event, streamId, firstVersion + index, base + BigInt(index)),
  );
  return Object.freeze({
    nextExpectedVersion: outcome.stream_version,
    lastPosition: base + BigInt(events.length - 1),
    events: Object.freeze(stored),
  });
}
