import { ValidationError } from '@orchestrix/core';

const POSITION = /^\d{1,19}$/;

/**
 * The fields of a JSON request body. An absent body counts as `{}` unless `isRequired`.
 *
 * @throws {@link ValidationError} with field `body` for anything but a JSON object.
 * @example const fields = bodyFields(request.body, true);
 */
export function bodyFields(body: unknown, isRequired: boolean): Readonly<Record<string, unknown>> {
  if (body === undefined && !isRequired) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body', body, 'body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * The `?after=<position>` of a read: `undefined` when absent, else the position a write returned.
 *
 * @throws {@link ValidationError} with field `after` for anything but one whole number.
 * @example const after = positionAfter(request.query.after); // 42n for ?after=42
 */
export function positionAfter(value: unknown): bigint | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !POSITION.test(value)) {
    throw new ValidationError('after', value, 'after must be a position: a whole number, as a write returned it');
  }
  return BigInt(value);
}
