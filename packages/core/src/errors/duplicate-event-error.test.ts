import { describe, expect, it } from 'vitest';
import { DuplicateEventError } from './duplicate-event-error';

describe('DuplicateEventError', () => {
  it('holds the stream and the event id', () => {
    const error = new DuplicateEventError('order-1', 'event-1');

    expect(error).toMatchObject({ code: 'DUPLICATE_EVENT', streamId: 'order-1', eventId: 'event-1' });
  });

  it('is not retryable', () => {
    const error = new DuplicateEventError('order-1', 'event-1');

    expect(error.retryable).toBe(false);
  });
});
