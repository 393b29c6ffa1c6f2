import { describe, expect, it } from 'vitest';
import { UpcastError } from './upcast-error';

describe('UpcastError', () => {
  it('holds the event type, the versions and the event id', () => {
    const error = new UpcastError('OrderPlaced', 1, 3, 'no upcaster from version 1', { eventId: 'event-1' });

    expect(error).toMatchObject({ eventType: 'OrderPlaced', fromVersion: 1, toVersion: 3, eventId: 'event-1' });
  });

  it('leaves the event id undefined when none is given', () => {
    const error = new UpcastError('OrderPlaced', 1, 3, 'no upcaster from version 1');

    expect(error.eventId).toBeUndefined();
  });

  it('keeps the cause it is given', () => {
    const cause = new TypeError('total is missing');

    const error = new UpcastError('OrderPlaced', 1, 2, 'the upcaster threw', { cause });

    expect(error.cause).toBe(cause);
  });
});
