import { describe, expect, it } from 'vitest';
import { DuplicateHandlerError } from './duplicate-handler-error';

describe('DuplicateHandlerError', () => {
  it('holds the message type and the name of the refused handler', () => {
    const error = new DuplicateHandlerError('PlaceOrder', 'placeOrderAgain');

    expect(error).toMatchObject({
      code: 'DUPLICATE_HANDLER',
      messageType: 'PlaceOrder',
      handlerName: 'placeOrderAgain',
    });
  });
});
