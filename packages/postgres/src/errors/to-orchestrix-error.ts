import {
  OrchestrixError,
  SerializationError,
  StoreUnavailableError,
  TimeoutError,
  ValidationError,
} from '@orchestrix/core';

interface DatabaseErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as DatabaseErrorLike | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  return String((error as DatabaseErrorLike | null)?.message ?? '');
}

// Socket errors of Node: the database is unreachable or the connection broke.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// SQLSTATEs of a connection the server ended: admin shutdown, crash, idle timeouts.
const ENDED_CONNECTION_STATES = new Set(['57P01', '57P02', '57P03', '57P05', '25P03']);

// What pg and pg-pool say, without a SQLSTATE, when a connection breaks or cannot be had in time.
const LOST_CONNECTION_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|Client was closed and is not queryable/i;

function isConnectionLoss(error: unknown, code: string | undefined): boolean {
  if (code !== undefined && (code.startsWith('08') || ENDED_CONNECTION_STATES.has(code) || SOCKET_CODES.has(code))) {
    return true;
  }
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  const inner = (error as DatabaseErrorLike | null)?.errors;
  if (Array.isArray(inner) && inner.some((each) => SOCKET_CODES.has(codeOf(each) ?? ''))) return true;
  return LOST_CONNECTION_MESSAGE.test(messageOf(error));
}

/** The time limits a store runs with, named in timeout errors. */
export interface StoreTimeouts {
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
}

function fromSqlState(
  error: unknown,
  state: string,
  operation: string,
  timeouts: StoreTimeouts,
): OrchestrixError | undefined {
  const cause = { cause: error };
  switch (state) {
    case '40001':
    case '40P01':
      return new StoreUnavailableError(
        `PostgreSQL aborted ${operation} (${state === '40P01' ? 'deadlock' : 'serialization failure'}): retry it.`,
        { ...cause, retryable: true },
      );
    case '57014':
      return new TimeoutError(`PostgreSQL statement (${operation})`, timeouts.statementTimeoutMs, cause);
    case '55P03':
      return new TimeoutError(`Waiting for a lock (${operation})`, timeouts.lockTimeoutMs, cause);
    case '22P05':
    case '22P02':
    case '22021':
      return new SerializationError('data', `cannot be stored by PostgreSQL (SQLSTATE ${state})`, cause);
    case '54000':
    case '54001':
      return new ValidationError(
        'events',
        undefined,
        `PostgreSQL refused ${operation} as too large or too deep`,
        cause,
      );
    case '3F000':
    case '42P01':
    case '42883':
      return new StoreUnavailableError(
        `The Orchestrix schema is missing or incomplete (${operation}): call store.initialize(), or run "orchestrix-postgres migrate".`,
        cause,
      );
    case '28P01':
    case '28000':
      return new StoreUnavailableError(
        `PostgreSQL refused the login (${operation}): check the user and password.`,
        cause,
      );
    case '3D000':
      return new StoreUnavailableError(
        `PostgreSQL has no such database (${operation}): check the database name of the connection.`,
        cause,
      );
    case '25006':
      return new StoreUnavailableError(
        `PostgreSQL is read-only (${operation}): connect to the primary, not a standby.`,
        cause,
      );
  }
  // Class 53, insufficient resources (too many connections, disk full, out of memory): may pass.
  if (state.startsWith('53')) {
    return new StoreUnavailableError(
      `PostgreSQL lacks resources for ${operation} (SQLSTATE ${state}): retry later, or raise its limits.`,
      { ...cause, retryable: true },
    );
  }
  // Class 22, data exception (a value out of range, a malformed date): the input, not the database.
  if (state.startsWith('22')) {
    return new ValidationError(
      'input',
      undefined,
      `PostgreSQL refused a value of ${operation} (SQLSTATE ${state}): check the values' formats and ranges.`,
      cause,
    );
  }
  return undefined;
}

/**
 * Maps an error from pg to a typed Orchestrix error, by SQLSTATE, keeping the original as `cause`.
 * Lost connections, timeouts, deadlocks, serialization failures and exhausted resources are
 * `retryable`. Messages name what happened and what to do; they never hold a connection string or a
 * password.
 *
 * @param operation - What was being done, e.g. `append to "order-1"`.
 */
export function toOrchestrixError(error: unknown, operation: string, timeouts: StoreTimeouts): OrchestrixError {
  if (error instanceof OrchestrixError) return error;
  const code = codeOf(error);
  const mapped = code === undefined ? undefined : fromSqlState(error, code, operation, timeouts);
  if (mapped !== undefined) return mapped;
  if (isConnectionLoss(error, code)) {
    return new StoreUnavailableError(
      `PostgreSQL connection lost or unreachable during ${operation}: retry when it is back.`,
      { cause: error, retryable: true },
    );
  }
  if (/Cannot use a pool after calling end/i.test(messageOf(error))) {
    return new StoreUnavailableError(`The store is closed (${operation}): create a new store to use the database.`, {
      cause: error,
    });
  }
  return new StoreUnavailableError(`PostgreSQL failed during ${operation} (SQLSTATE ${code ?? 'none'}): see cause.`, {
    cause: error,
  });
}
