import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from './store-unavailable-error';

describe('StoreUnavailableError', () => {
  it('is not retryable unless told', () => {
    const error = new StoreUnavailableError('Schema "orchestrix" is missing: call store.initialize().');

    expect(error.retryable).toBe(false);
  });

  it('is retryable when told', () => {
    const error = new StoreUnavailableError('The connection was lost: retry.', { retryable: true });

    expect(error.retryable).toBe(true);
  });

  it('keeps the cause it is given', () => {
    const cause = new Error('ECONNREFUSED');

    const error = new StoreUnavailableError('The database does not answer: check it runs.', { cause });

    expect(error.cause).toBe(cause);
  });
});
