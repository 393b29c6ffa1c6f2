import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from './concurrency-error';

describe('ConcurrencyError', () => {
  it('holds the stream, the expected version and the actual version', () => {
    const error = new ConcurrencyError('order-1', 'no_stream', 3);

    expect(error).toMatchObject({ streamId: 'order-1', expectedVersion: 'no_stream', actualVersion: 3 });
  });

  it('is about a stream unless told otherwise', () => {
    const error = new ConcurrencyError('order-1', 2, 3);

    expect(error.subject).toBe('stream');
  });

  it('holds the positions of a checkpoint written concurrently', () => {
    const error = new ConcurrencyError('orders-projection', 5n, 7n, { subject: 'checkpoint' });

    expect(error).toMatchObject({ subject: 'checkpoint', expectedVersion: 5n, actualVersion: 7n });
  });

  it('is retryable', () => {
    const error = new ConcurrencyError('order-1', 2, 3);

    expect(error.retryable).toBe(true);
  });

  it('keeps the cause it is given', () => {
    const cause = new Error('unique violation');

    const error = new ConcurrencyError('order-1', 2, 3, { cause });

    expect(error.cause).toBe(cause);
  });
});
