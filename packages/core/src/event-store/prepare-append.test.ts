import { describe, expect, it } from 'vitest';
import { SerializationError } from '../errors/serialization-error';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { defineCommand, defineEvent, payload } from '../messages/define-message';
import type { Event } from '../messages/message';
import { MAX_APPEND_BYTES, MAX_EVENTS_PER_APPEND } from './append-limits';
import { prepareAppend } from './prepare-append';

const NoteAdded = defineEvent('NoteAdded', payload<{ text: string }>());

function handBuilt(overrides: Record<string, unknown> = {}): Event {
  return {
    kind: 'event',
    type: 'NoteAdded',
    id: 'note-1',
    specversion: '1.0',
    source: 'import',
    timestamp: '2024-05-01T10:00:00.000Z',
    schemaVersion: 1,
    data: { text: 'hello', at: new Date(Date.UTC(2024, 4, 1)) },
    ...overrides,
  } as Event;
}

describe('prepareAppend', () => {
  it('uses any as the expected version when none is given', () => {
    const prepared = prepareAppend('notes-1', [NoteAdded({ text: 'a' })]);

    expect(prepared.expectedVersion).toBe('any');
  });

  it('accepts an empty append', () => {
    const prepared = prepareAppend('notes-1', [], 0);

    expect(prepared).toMatchObject({ streamId: 'notes-1', events: [], expectedVersion: 0 });
  });

  it('passes events made by a factory through unchanged', () => {
    const event = NoteAdded({ text: 'a' });

    const prepared = prepareAppend('notes-1', [event]);

    expect(prepared.events[0]).toBe(event);
  });

  it('normalises the data of a hand-built event through the codec', () => {
    const prepared = prepareAppend('notes-1', [handBuilt()]);

    expect(prepared.events[0]?.data).toEqual({ text: 'hello', at: '2024-05-01T00:00:00.000Z' });
  });

  it('freezes a hand-built event and its data', () => {
    const prepared = prepareAppend('notes-1', [handBuilt()]);

    expect(Object.isFrozen(prepared.events[0])).toBe(true);
    expect(Object.isFrozen(prepared.events[0]?.data)).toBe(true);
  });

  it('leaves a hand-built event unchanged', () => {
    const event = handBuilt();

    prepareAppend('notes-1', [event]);

    expect((event.data as { at: unknown }).at).toBeInstanceOf(Date);
    expect(Object.isFrozen(event)).toBe(false);
  });

  it('prepares a frozen command and an unfrozen copy of it alike', () => {
    const command = defineCommand('AddNote', payload<{ text: string }>())({ text: 'a' });

    const outcomes = [command, { ...command }].map((message) => {
      try {
        return prepareAppend('notes-1', [message as unknown as Event]).events[0]?.kind;
      } catch (error) {
        return error instanceof ValidationError ? error.field : error;
      }
    });

    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  it('accepts exactly 10,000 events', () => {
    const events = Array.from({ length: MAX_EVENTS_PER_APPEND }, () => NoteAdded({ text: 'a' }));

    const prepared = prepareAppend('notes-1', events);

    expect(prepared.events).toHaveLength(10_000);
  });

  it('rejects 10,001 events with a ValidationError naming events', () => {
    const event = NoteAdded({ text: 'a' });
    const events = Array.from({ length: MAX_EVENTS_PER_APPEND + 1 }, () => event);

    const error = caughtError(() => prepareAppend('notes-1', events));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events', value: 10_001 });
  });

  it('accepts exactly 16 MiB of encoded data', () => {
    const event = NoteAdded({ text: 'x'.repeat(MAX_APPEND_BYTES - '{"text":""}'.length) });

    const prepared = prepareAppend('notes-1', [event]);

    expect(prepared.dataBytes).toBe(MAX_APPEND_BYTES);
  });

  it('rejects more than 16 MiB of encoded data across the events with a ValidationError', () => {
    const half = 'x'.repeat(MAX_APPEND_BYTES / 2);

    const error = caughtError(() => prepareAppend('notes-1', [NoteAdded({ text: half }), NoteAdded({ text: half })]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events' });
  });

  it('counts the size limit in UTF-8 bytes, not characters', () => {
    const accented = 'é'.repeat(MAX_APPEND_BYTES / 2);

    const error = caughtError(() => prepareAppend('notes-1', [NoteAdded({ text: accented })]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events' });
  });

  it.each([
    ['type', { type: '' }],
    ['id', { id: undefined }],
    ['source', { source: 7 }],
    ['timestamp', { timestamp: '' }],
    ['subject', { subject: 5 }],
    ['correlationId', { correlationId: null }],
    ['schemaVersion', { schemaVersion: 0 }],
  ])('rejects a hand-built event with an invalid %s with a ValidationError at its index', (field, overrides) => {
    const error = caughtError(() => prepareAppend('notes-1', [NoteAdded({ text: 'a' }), handBuilt(overrides)]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: `events[1].${field}` });
  });

  it('rejects something that is not an event with a ValidationError at its index', () => {
    const error = caughtError(() => prepareAppend('notes-1', [null as unknown as Event]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events[0]' });
  });

  it('rejects data that cannot round-trip with a SerializationError at the event path', () => {
    const event = handBuilt({ data: { price: Number.NaN } });

    const error = caughtError(() => prepareAppend('notes-1', [event]));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path: 'events[0].data.price' });
  });

  it.each([
    ['an offset', '2024-05-01T12:00:00.000+02:00'],
    ['microseconds', '2024-05-01T10:00:00.000001Z'],
    ['no milliseconds', '2024-05-01T10:00:00Z'],
    ['infinity', 'infinity'],
    ['an impossible date', '2024-13-45T10:00:00.000Z'],
  ])('rejects a timestamp with %s, naming the field', (_name, timestamp) => {
    const error = caughtError(() => prepareAppend('notes-1', [handBuilt({ timestamp })]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events[0].timestamp' });
  });

  it.each([
    ['type', 'Note\u0000Added'],
    ['id', 'note-\ud800'],
    ['correlationId', 'flow\u0000'],
  ])('rejects a %s holding a character PostgreSQL text cannot hold', (field, value) => {
    const error = caughtError(() => prepareAppend('notes-1', [handBuilt({ [field]: value })]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: `events[0].${field}` });
  });

  it('rejects a schema version beyond what a 32-bit integer holds', () => {
    const error = caughtError(() => prepareAppend('notes-1', [handBuilt({ schemaVersion: 2 ** 31 })]));

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'events[0].schemaVersion' });
  });
});
