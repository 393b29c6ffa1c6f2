import { describe, expect, it } from 'vitest';
import { HandlerError } from './handler-error';

const mailerFailure = new Error('smtp down');
const ledgerFailure = new Error('ledger locked');

describe('HandlerError', () => {
  it('holds the message type and the first failing handler', () => {
    const error = new HandlerError('OrderPlaced', [
      { handlerName: 'mailer', error: mailerFailure },
      { handlerName: 'ledger', error: ledgerFailure },
    ]);

    expect(error).toMatchObject({ code: 'HANDLER', messageType: 'OrderPlaced', handlerName: 'mailer' });
  });

  it('keeps the first failure as cause', () => {
    const error = new HandlerError('OrderPlaced', [
      { handlerName: 'mailer', error: mailerFailure },
      { handlerName: 'ledger', error: ledgerFailure },
    ]);

    expect(error.cause).toBe(mailerFailure);
  });

  it('lists every failure in order, frozen', () => {
    const failures = [
      { handlerName: 'mailer', error: mailerFailure },
      { handlerName: 'ledger', error: ledgerFailure },
    ];

    const error = new HandlerError('OrderPlaced', failures);

    expect(error.errors).toEqual(failures);
    expect(Object.isFrozen(error.errors)).toBe(true);
    expect(error.errors.every((failure) => Object.isFrozen(failure))).toBe(true);
  });

  it('is not committed and holds no stored events by default', () => {
    const error = new HandlerError('OrderPlaced', [{ handlerName: 'mailer', error: mailerFailure }]);

    expect(error.committed).toBe(false);
    expect(error.storedEvents).toEqual([]);
  });

  it('holds the stored events of a committed append, frozen', () => {
    const storedEvents = [{ id: 'event-1' }];

    const error = new HandlerError('OrderPlaced', [{ handlerName: 'mailer', error: mailerFailure }], {
      committed: true,
      storedEvents,
    });

    expect(error).toMatchObject({ committed: true, storedEvents });
    expect(Object.isFrozen(error.storedEvents)).toBe(true);
  });
});
