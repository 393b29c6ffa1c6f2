import { ValidationError } from '../errors/validation-error';
import { type Event, OPTIONAL_MESSAGE_FIELDS } from '../messages/message';
import { encodedByteBound, encodedByteLength, normalizeJson } from '../serialization/json-codec';
import type { JsonValue } from '../serialization/json-value';
import { MAX_APPEND_BYTES, MAX_EVENTS_PER_APPEND, MAX_STREAM_ID_LENGTH } from './append-limits';
import type { ExpectedVersion } from './event-store';
import { validateExpectedVersion } from './expected-version';

// C0 and C1 control characters, which PostgreSQL text cannot always hold and logs mangle.
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** An append that passed every check: events normalised through the codec and frozen. */
export interface PreparedAppend {
  readonly streamId: string;
  readonly events: readonly Event[];
  readonly expectedVersion: ExpectedVersion;
  /** An upper bound of the UTF-8 bytes of the events' encoded data (exact when near the limit). */
  readonly dataBytes: number;
}

/**
 * Checks a stream id: a non-empty string of at most 200 characters without control characters.
 *
 * @throws {@link ValidationError} with field `streamId`.
 */
export function validateStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new ValidationError('streamId', streamId, 'streamId cannot be empty');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new ValidationError('streamId', streamId, `streamId must be at most ${MAX_STREAM_ID_LENGTH} characters`);
  }
  if (hasControlCharacter(streamId)) {
    throw new ValidationError('streamId', streamId, 'streamId cannot hold control characters');
  }
}

type WellFormedString = string & { isWellFormed(): boolean };

// The one timestamp form every store returns: ISO 8601 UTC with milliseconds (what the factories make).
const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// PostgreSQL's int4, which holds versions and schema versions.
const MAX_INT4 = 2_147_483_647;

function requireText(event: Record<string, unknown>, field: string, index: number, optional: boolean): void {
  const value = event[field];
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || (!optional && value === '')) {
    throw new ValidationError(
      `events[${index}].${field}`,
      value,
      `events[${index}].${field} must be a non-empty string`,
    );
  }
  // PostgreSQL text holds neither; every store refuses them alike.
  if (value.includes('\u0000') || !(value as WellFormedString).isWellFormed()) {
    throw new ValidationError(
      `events[${index}].${field}`,
      value,
      `events[${index}].${field} cannot hold a \\u0000 character or a lone surrogate`,
    );
  }
}

function requireTimestamp(value: string, index: number): void {
  if (!CANONICAL_TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(
      `events[${index}].timestamp`,
      value,
      `events[${index}].timestamp must be ISO 8601 UTC with milliseconds, like 2026-01-31T12:00:00.000Z`,
    );
  }
}

function prepareEvent(event: Event, index: number): Event {
  if (typeof event !== 'object' || event === null) {
    throw new ValidationError(`events[${index}]`, event, `events[${index}] must be an event made by a factory`);
  }
  const record = event as unknown as Record<string, unknown>;
  if (record.kind !== undefined && record.kind !== 'event') {
    throw new ValidationError(
      `events[${index}].kind`,
      record.kind,
      `events[${index}] is a ${String(record.kind)}: only events can be stored`,
    );
  }
  for (const field of ['type', 'id', 'source', 'timestamp']) requireText(record, field, index, false);
  for (const field of OPTIONAL_MESSAGE_FIELDS) requireText(record, field, index, true);
  requireTimestamp(event.timestamp, index);
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > MAX_INT4) {
    throw new ValidationError(
      `events[${index}].schemaVersion`,
      event.schemaVersion,
      `schemaVersion must be an integer from 1 to ${MAX_INT4}`,
    );
  }
  const data = normalizeJson(event.data, `events[${index}].data`);
  if (Object.isFrozen(event) && data === event.data && record.kind === 'event' && record.specversion === '1.0') {
    return event;
  }
  return Object.freeze({ ...event, kind: 'event' as const, specversion: '1.0' as const, data });
}

/**
 * Validates and normalises an append the same way in every store: the stream id, the expected version,
 * the limits (10,000 events, 16 MiB of encoded data) and each event's data through the codec.
 *
 * @throws {@link ValidationError} or {@link SerializationError} before anything is written.
 */
export function prepareAppend(
  streamId: string,
  events: readonly Event[],
  expectedVersion: ExpectedVersion = 'any',
): PreparedAppend {
  validateStreamId(streamId);
  validateExpectedVersion(expectedVersion);
  if (!Array.isArray(events)) throw new ValidationError('events', events, 'events must be an array');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new ValidationError('events', events.length, `an append may hold at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const prepared = events.map(prepareEvent);
  let dataBytes = 0;
  for (const event of prepared) dataBytes += encodedByteBound(event.data as JsonValue);
  // The bound is free and usually far below the limit; encode only when it is not.
  if (dataBytes > MAX_APPEND_BYTES) {
    dataBytes = 0;
    for (const event of prepared) dataBytes += encodedByteLength(event.data as JsonValue);
  }
  if (dataBytes > MAX_APPEND_BYTES) {
    throw new ValidationError(
      'events',
      dataBytes,
      `an append may hold at most ${MAX_APPEND_BYTES} bytes of encoded data`,
    );
  }
  return { streamId, events: prepared, expectedVersion, dataBytes };
}
