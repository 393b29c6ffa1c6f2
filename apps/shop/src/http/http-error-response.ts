import {
  ConcurrencyError,
  OrchestrixError,
  StoreUnavailableError,
  TimeoutError,
  ValidationError,
} from '@orchestrix/core';
import { InvalidOrderStateError } from '../orders/invalid-order-state-error';
import { OrderNotFoundError } from '../orders/order-not-found-error';
import { ReadModelBehindError } from './read-model-behind-error';

/** The JSON body of every error response: a stable `code`, a message that says what to do, and details. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  /** The offending input, for 400: `customerId`, `items.0.quantity`, `body`, `after`. */
  readonly field?: string;
  readonly [detail: string]: unknown;
}

/** An HTTP status and the error body to send with it. */
export interface HttpErrorResponse {
  readonly statusCode: number;
  readonly body: ErrorBody;
}

/** What Fastify's own errors (a body it cannot parse, a route it does not know) carry. */
interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly message?: unknown;
}

/** A version as JSON: bigints (checkpoint positions) become strings. */
function jsonOf(version: number | bigint | string): number | string {
  return typeof version === 'bigint' ? version.toString() : version;
}

const UNREADABLE_BODY_CODES: ReadonlySet<unknown> = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
]);

function fromFastify(error: FastifyLikeError): HttpErrorResponse | undefined {
  const { code, statusCode } = error;
  const message = String(error.message ?? '');
  if (UNREADABLE_BODY_CODES.has(code)) {
    return { statusCode: 400, body: { code: 'VALIDATION', field: 'body', message: `body must be JSON: ${message}` } };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      statusCode: 415,
      body: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', message: 'send the body as application/json' },
    };
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { statusCode, body: { code: typeof code === 'string' ? code : 'BAD_REQUEST', message } };
  }
  return undefined;
}

/**
 * Maps an error a route threw to its HTTP response: ValidationError → 400 (naming `field`),
 * OrderNotFoundError → 404, ConcurrencyError → 409, InvalidOrderStateError → 422, ReadModelBehindError,
 * TimeoutError and StoreUnavailableError → 503, Fastify's refusals of a body → 400 or 415; anything else
 * → 500, whose body says nothing of the cause (the caller logs it).
 *
 * @example const { statusCode, body } = toHttpErrorResponse(new ValidationError('customerId', '', 'customerId cannot be empty'));
 */
export function toHttpErrorResponse(error: unknown): HttpErrorResponse {
  if (error instanceof ValidationError) {
    const { code, field, message, issues } = error;
    return { statusCode: 400, body: { code, field, message, issues } };
  }
  if (error instanceof OrderNotFoundError) {
    return { statusCode: 404, body: { code: error.code, message: error.message, orderId: error.orderId } };
  }
  if (error instanceof ConcurrencyError) {
    const { code, message, streamId, expectedVersion, actualVersion } = error;
    const versions = { expectedVersion: jsonOf(expectedVersion), actualVersion: jsonOf(actualVersion) };
    return { statusCode: 409, body: { code, message, orderId: streamId, ...versions } };
  }
  if (error instanceof InvalidOrderStateError) {
    const { code, message, orderId, status, action } = error;
    return { statusCode: 422, body: { code, message, orderId, status, action } };
  }
  if (error instanceof ReadModelBehindError) {
    const { code, message, position } = error;
    return { statusCode: 503, body: { code, message, position: position.toString() } };
  }
  if (error instanceof StoreUnavailableError || error instanceof TimeoutError) {
    return { statusCode: 503, body: { code: error.code, message: error.message } };
  }
  if (!(error instanceof OrchestrixError) && typeof error === 'object' && error !== null) {
    const response = fromFastify(error as FastifyLikeError);
    if (response !== undefined) return response;
  }
  return { statusCode: 500, body: { code: 'INTERNAL', message: 'The shop failed on this request: see its log.' } };
}
