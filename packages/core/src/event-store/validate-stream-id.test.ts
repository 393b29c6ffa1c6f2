import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { defineEvent } from '../messages/define-message';
import { prepareAppend, validateStreamId } from './prepare-append';

describe('validateStreamId', () => {
  it.each([
    ['200 characters', 'a'.repeat(200)],
    ['quotes', `order-"1"-'x'`],
    ['a percent sign', 'order-100%'],
    ['unicode letters', 'commande-été-注文-😀'],
    ['slashes and colons', 'tenant/acme:order-1'],
  ])('accepts a stream id with %s', (_label, streamId) => {
    expect(() => validateStreamId(streamId)).not.toThrow();
  });

  it.each([
    ['an empty string', ''],
    ['201 characters', 'a'.repeat(201)],
    ['a \\u0000 character', 'order\u00001'],
    ['a newline', 'order\n1'],
    ['a tab', 'order\t1'],
    ['a DEL character', 'order\u007f1'],
    ['a \\u0085 next-line character', 'order\u00851'],
    ['a value that is not a string', 42],
  ])('rejects %s with a ValidationError naming streamId', (_label, streamId) => {
    const error = caughtError(() => validateStreamId(streamId));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'streamId', value: streamId });
  });
});

describe('prepareAppend', () => {
  it('rejects an invalid stream id before looking at the events', () => {
    const OrderPlaced = defineEvent('OrderPlaced');

    const error = caughtError(() => prepareAppend('', [OrderPlaced()]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'streamId' });
  });

  it('rejects an invalid expected version with a ValidationError naming expectedVersion', () => {
    const error = caughtError(() => prepareAppend('order-1', [], -1));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'expectedVersion', value: -1 });
  });
});
