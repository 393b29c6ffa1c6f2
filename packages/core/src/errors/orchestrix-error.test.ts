import { describe, expect, it } from 'vitest';
import { AggregateNotFoundError } from './aggregate-not-found-error';
import { ConcurrencyError } from './concurrency-error';
import { DuplicateEventError } from './duplicate-event-error';
import { DuplicateHandlerError } from './duplicate-handler-error';
import { HandlerError } from './handler-error';
import { NoHandlerError } from './no-handler-error';
import { OrchestrixError } from './orchestrix-error';
import { SagaError } from './saga-error';
import { SerializationError } from './serialization-error';
import { StoreUnavailableError } from './store-unavailable-error';
import { TimeoutError } from './timeout-error';
import { UpcastError } from './upcast-error';
import { ValidationError } from './validation-error';

const everyError: [string, OrchestrixError, string, boolean][] = [
  ['AggregateNotFoundError', new AggregateNotFoundError('Order', 'o-1'), 'AGGREGATE_NOT_FOUND', false],
  ['ConcurrencyError', new ConcurrencyError('order-1', 2, 3), 'CONCURRENCY', true],
  ['DuplicateEventError', new DuplicateEventError('order-1', 'event-1'), 'DUPLICATE_EVENT', false],
  ['DuplicateHandlerError', new DuplicateHandlerError('PlaceOrder', 'second'), 'DUPLICATE_HANDLER', false],
  ['HandlerError', new HandlerError('OrderPlaced', [{ handlerName: 'mailer', error: 1 }]), 'HANDLER', false],
  ['NoHandlerError', new NoHandlerError('PlaceOrder'), 'NO_HANDLER', false],
  ['SagaError', new SagaError('OrderSaga', 'saga-1', 'payment', []), 'SAGA', false],
  ['SerializationError', new SerializationError('data.total', 'is NaN'), 'SERIALIZATION', false],
  ['StoreUnavailableError', new StoreUnavailableError('call store.initialize()'), 'STORE_UNAVAILABLE', false],
  ['TimeoutError', new TimeoutError('saga step payment', 5000), 'TIMEOUT', true],
  ['UpcastError', new UpcastError('OrderPlaced', 1, 2, 'no upcaster'), 'UPCAST', false],
  ['ValidationError', new ValidationError('orderId', '', 'orderId cannot be empty'), 'VALIDATION', false],
];

describe('OrchestrixError', () => {
  it.each(everyError)('is the base class of %s', (_name, error) => {
    expect(error).toBeInstanceOf(OrchestrixError);
    expect(error).toBeInstanceOf(Error);
  });

  it.each(everyError)('gives %s its stable code', (_name, error, code) => {
    expect(error.code).toBe(code);
  });

  it.each(everyError)('names %s after its class', (name, error) => {
    expect(error.name).toBe(name);
  });

  it.each(everyError)('marks whether %s is retryable', (_name, error, _code, retryable) => {
    expect(error.retryable).toBe(retryable);
  });

  it.each(everyError)('gives %s a message', (_name, error) => {
    expect(error.message).not.toBe('');
  });

  it.each(everyError.filter(([name]) => name !== 'HandlerError'))(
    'gives %s no cause when none is given',
    (_name, error) => {
      expect(Object.hasOwn(error, 'cause')).toBe(false);
    },
  );

  it.each(everyError)('gives %s a stack trace', (_name, error) => {
    expect(error.stack).toEqual(expect.any(String));
  });
});
