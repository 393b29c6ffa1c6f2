import { describe, expect, it } from 'vitest';
import { HandlerError } from '../errors/handler-error';
import { toDeadLetterError } from './to-dead-letter-error';

class PaymentDeclinedError extends Error {
  readonly code = 402;
}

describe('toDeadLetterError', () => {
  it("records an error's name, message, stack and code as frozen plain data", () => {
    const thrown = new PaymentDeclinedError('card declined');
    thrown.name = 'PaymentDeclinedError';

    const recorded = toDeadLetterError(thrown);

    expect(recorded).toEqual({
      name: 'PaymentDeclinedError',
      message: 'card declined',
      stack: thrown.stack,
      code: '402',
    });
    expect(recorded).not.toBeInstanceOf(Error);
    expect(Object.isFrozen(recorded)).toBe(true);
  });

  it('records a thrown value that is not an Error as NonError with the value as text', () => {
    expect(toDeadLetterError('boom')).toEqual({ name: 'NonError', message: 'boom' });
  });

  it('describes a thrown value that cannot be turned into text', () => {
    const thrown = Object.create(null) as object;

    expect(toDeadLetterError(thrown)).toEqual({ name: 'NonError', message: '[object Object]' });
  });

  it('keeps a HandlerError as thrown by default', () => {
    const handlerError = new HandlerError('OrderPlaced', [{ handlerName: 'billing', error: new RangeError('no') }]);

    expect(toDeadLetterError(handlerError).name).toBe('HandlerError');
  });

  it("records the handler's own error of a HandlerError with one failure when asked to unwrap", () => {
    const handlerError = new HandlerError('OrderPlaced', [{ handlerName: 'billing', error: new RangeError('no') }]);

    const recorded = toDeadLetterError(handlerError, { unwrapHandlerError: true });

    expect(recorded).toMatchObject({ name: 'RangeError', message: 'no' });
  });

  it('keeps a HandlerError listing several failures even when asked to unwrap', () => {
    const handlerError = new HandlerError('OrderPlaced', [
      { handlerName: 'billing', error: new RangeError('no') },
      { handlerName: 'email', error: new TypeError('down') },
    ]);

    expect(toDeadLetterError(handlerError, { unwrapHandlerError: true }).name).toBe('HandlerError');
  });
});
