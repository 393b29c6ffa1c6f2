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
}

function sqlState(error: unknown): string | undefined {
  const code = (error as DatabaseErrorLike | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

function isConnectionLoss(error: unknown, state: string | undefined): boolean {
  if (state !== undefined && (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03')) {
    return true;
  }
  if (state !== undefined && CONNECTION_CODES.has(state)) return true;
  const message = String((error as DatabaseErrorLike | null)?.message ?? '');
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i.test(
    message,
  );
}

/** The time limits a store runs with, named in timeout errors. */
export interface StoreTimeouts {
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
}

/**
 * Maps an error from pg to a typed Orchestrix error, by SQLSTATE, keeping the original as `cause`.
 * Messages name what happened and what to do; they never hold a connection string or a password.
 *
 * @param operation - What was being done, e.g. `append to "order-1"`.
 */
export function toOrchestrixError(error: unknown, operation: string, timeouts: StoreTimeouts): OrchestrixError {
  if (error instanceof OrchestrixError) return error;
  const state = sqlState(error);
  switch (state) {
    case '40001':
    case '40P01':
      return new StoreUnavailableError(
        `PostgreSQL aborted ${operation} (${state === '40P01' ? 'deadlock' : 'serialization failure'}): retry it.`,
        { cause: error, retryable: true },
      );
    case '57014':
      return new TimeoutError(`PostgreSQL statement (${operation})`, timeouts.statementTimeoutMs, { cause: error });
    case '55P03':
      return new TimeoutError(`Waiting for a lock (${operation})`, timeouts.lockTimeoutMs, { cause: error });
    case '22P05':
    case '22P02':
    case '22021':
      return new SerializationError('data', `cannot be stored by PostgreSQL (SQLSTATE ${state})`, { cause: error });
    case '54000':
    case '54001':
      return new ValidationError('events', undefined, `PostgreSQL refused ${operation} as too large or too deep`, {
        cause: error,
      });
    case '3F000':
    case '42P01':
    case '42883':
      return new StoreUnavailableError(
        `The Orchestrix schema is missing or incomplete (${operation}): call store.initialize(), or run "orchestrix-postgres migrate".`,
        { cause: error },
      );
    case '28P01':
    case '28000':
      return new StoreUnavailableError(`PostgreSQL refused the login (${operation}): check the user and password.`, {
        cause: error,
      });
  }
  if (isConnectionLoss(error, state)) {
    return new StoreUnavailableError(
      `PostgreSQL connection lost or unreachable during ${operation}: retry when it is back.`,
      {
        cause: error,
        retryable: true,
      },
    );
  }
  return new StoreUnavailableError(`PostgreSQL failed during ${operation} (SQLSTATE ${state ?? 'none'}): see cause.`, {
    cause: error,
  });
}
