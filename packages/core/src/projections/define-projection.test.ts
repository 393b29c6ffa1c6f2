import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { defineProjection } from './define-projection';

const handlers = { OrderPlaced: (): void => undefined };

describe('defineProjection', () => {
  it('returns a frozen projection with no retry and no dead letters unless given', () => {
    const projection = defineProjection({ name: 'order_totals', handlers });
    expect(Object.isFrozen(projection)).toBe(true);
    expect(projection.retry.maxRetries).toBe(0);
    expect(projection.deadLetter).toBe(false);
  });

  it.each(['Orders', '1orders', 'order-totals', '', `a${'b'.repeat(63)}`])(
    'rejects the unsafe name %j with ValidationError',
    (name) => {
      expect(() => defineProjection({ name, handlers })).toThrow(ValidationError);
    },
  );

  it.each([0, -1, 1.5])('rejects a batchSize of %d with ValidationError', (batchSize) => {
    expect(() => defineProjection({ name: 'orders', handlers, batchSize })).toThrow(ValidationError);
  });

  it('rejects a projection with neither handlers nor handleBatch, or both', () => {
    expect(() => defineProjection({ name: 'orders' })).toThrow(ValidationError);
    expect(() => defineProjection({ name: 'orders', handlers, handleBatch: () => undefined })).toThrow(ValidationError);
  });

  it('rejects deadLetter with handleBatch', () => {
    expect(() => defineProjection({ name: 'orders', handleBatch: () => undefined, deadLetter: true })).toThrow(
      ValidationError,
    );
  });
});
