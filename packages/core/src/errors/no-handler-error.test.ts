import { describe, expect, it } from 'vitest';
import { NoHandlerError } from './no-handler-error';

describe('NoHandlerError', () => {
  it('holds the message type', () => {
    const error = new NoHandlerError('PlaceOrder');

    expect(error).toMatchObject({ code: 'NO_HANDLER', messageType: 'PlaceOrder' });
  });

  it('leaves the handler name undefined for a command without a handler', () => {
    const error = new NoHandlerError('PlaceOrder');

    expect(error.handlerName).toBeUndefined();
  });

  it('holds the handler name a targeted delivery asked for', () => {
    const error = new NoHandlerError('OrderPlaced', 'mailer');

    expect(error).toMatchObject({ messageType: 'OrderPlaced', handlerName: 'mailer' });
  });
});
