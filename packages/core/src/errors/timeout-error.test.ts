import { describe, expect, it } from 'vitest';
import { TimeoutError } from './timeout-error';

describe('TimeoutError', () => {
  it('holds the operation and its time budget', () => {
    const error = new TimeoutError('saga step payment', 5000);

    expect(error).toMatchObject({ operation: 'saga step payment', timeoutMs: 5000 });
  });

  it('is retryable', () => {
    const error = new TimeoutError('saga step payment', 5000);

    expect(error.retryable).toBe(true);
  });

  it('keeps the cause it is given', () => {
    const cause = new DOMException('The operation timed out.', 'TimeoutError');

    const error = new TimeoutError('saga step payment', 5000, { cause });

    expect(error.cause).toBe(cause);
  });
});
