import { describe, expect, it } from 'vitest';
import { AggregateNotFoundError } from './aggregate-not-found-error';

describe('AggregateNotFoundError', () => {
  it('holds the aggregate type and id', () => {
    const error = new AggregateNotFoundError('Order', 'order-404');

    expect(error).toMatchObject({ code: 'AGGREGATE_NOT_FOUND', aggregateType: 'Order', aggregateId: 'order-404' });
  });
});
