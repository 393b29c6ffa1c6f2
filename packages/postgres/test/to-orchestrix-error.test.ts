// toOrchestrixError on errors PostgreSQL and pg really raise: one row per SQLSTATE, by class, code and retryable.
import {
  ConcurrencyError,
  type OrchestrixError,
  SerializationError,
  StoreUnavailableError,
  TimeoutError,
  ValidationError,
} from '@orchestrix/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { toOrchestrixError } from '../src/index';
import { TEST_DATABASE_URL, testPool } from './support/test-database';

const pool = testPool(2);
const timeouts = { statementTimeoutMs: 1234, lockTimeoutMs: 567 };

afterAll(async () => {
  await pool.end();
});

type ErrorClass = abstract new (...args: never[]) => OrchestrixError;

/** Runs SQL that fails and returns what pg rejected with. */
async function raised(text: string): Promise<unknown> {
  try {
    await pool.query(text);
  } catch (error) {
    return error;
  }
  throw new Error(`Expected "${text}" to fail.`);
}

const raise = (state: string): string => `do $$ begin raise exception 'raised' using errcode = '${state}'; end $$`;

const table: readonly [state: string, code: string, retryable: boolean, type: ErrorClass][] = [
  ['40001', 'STORE_UNAVAILABLE', true, StoreUnavailableError],
  ['40P01', 'STORE_UNAVAILABLE', true, StoreUnavailableError],
  ['57014', 'TIMEOUT', true, TimeoutError],
  ['55P03', 'TIMEOUT', true, TimeoutError],
  ['08006', 'STORE_UNAVAILABLE', true, StoreUnavailableError],
  ['08001', 'STORE_UNAVAILABLE', true, StoreUnavailableError],
  ['57P01', 'STORE_UNAVAILABLE', true, StoreUnavailableError],
  ['57P03', 'STORE_UNAVAILABLE', true, StoreUnavailableError],
  ['53300', 'STORE_UNAVAILABLE', true, StoreUnavailableError],
  ['22P05', 'SERIALIZATION', false, SerializationError],
  ['22P02', 'SERIALIZATION', false, SerializationError],
  ['22003', 'VALIDATION', false, ValidationError],
  ['22007', 'VALIDATION', false, ValidationError],
  ['54001', 'VALIDATION', false, ValidationError],
  ['42P01', 'STORE_UNAVAILABLE', false, StoreUnavailableError],
  ['3F000', 'STORE_UNAVAILABLE', false, StoreUnavailableError],
  ['28P01', 'STORE_UNAVAILABLE', false, StoreUnavailableError],
  ['3D000', 'STORE_UNAVAILABLE', false, StoreUnavailableError],
  ['25006', 'STORE_UNAVAILABLE', false, StoreUnavailableError],
  ['XX000', 'STORE_UNAVAILABLE', false, StoreUnavailableError],
];

describe('toOrchestrixError', () => {
  it.each(table)('maps SQLSTATE %s to code %s, retryable %s', async (state, code, retryable, type) => {
    const error = await raised(raise(state));

    const mapped = toOrchestrixError(error, 'append to "order-1"', timeouts);

    expect(mapped).toBeInstanceOf(type);
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.cause).toBe(error);
    expect((mapped.cause as { code?: unknown }).code).toBe(state);
  });

  it('names the statement timeout for 57014 and the lock timeout for 55P03', async () => {
    const statement = toOrchestrixError(await raised(raise('57014')), 'load', timeouts);
    const lock = toOrchestrixError(await raised(raise('55P03')), 'load', timeouts);

    expect(statement).toBeInstanceOf(TimeoutError);
    expect((statement as TimeoutError).timeoutMs).toBe(1234);
    expect(lock).toBeInstanceOf(TimeoutError);
    expect((lock as TimeoutError).timeoutMs).toBe(567);
  });

  it.each([
    ['a statement timeout', 'set statement_timeout = 20; select pg_sleep(1)', TimeoutError],
    ['a missing table', 'select * from orx_no_such_schema.events', StoreUnavailableError],
    ['a \\u0000 in jsonb', `select '{"a":"\\u0000"}'::jsonb`, SerializationError],
    ['a lone surrogate in jsonb', `select '"\\ud800"'::jsonb`, SerializationError],
    ['an integer out of range', 'select 9223372036854775808::bigint', ValidationError],
  ] as const)('maps %s, raised by the server itself', async (_name, text, type) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const error = await client.query(text).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    await client.end();

    expect(toOrchestrixError(error, 'load', timeouts)).toBeInstanceOf(type);
  });

  it('maps a refused connection to a retryable StoreUnavailableError', async () => {
    const client = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:1/test' });
    const error = await client.connect().then(
      () => undefined,
      (reason: unknown) => reason,
    );

    const mapped = toOrchestrixError(error, 'initialize', timeouts);

    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped.retryable).toBe(true);
  });

  it('maps a terminated connection (57P01 on an in-flight query) to a retryable StoreUnavailableError', async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    client.on('error', () => undefined);
    await client.connect();
    const pid = ((await client.query('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
    const sleeping = client.query('select pg_sleep(5)').then(
      () => undefined,
      (reason: unknown) => reason,
    );

    await pool.query('select pg_terminate_backend($1)', [pid]);
    const mapped = toOrchestrixError(await sleeping, 'save', timeouts);

    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped.retryable).toBe(true);
  });

  it('maps a query on an ended pool to a StoreUnavailableError that is not retryable', async () => {
    const ended = testPool(1);
    await ended.end();
    const error = await ended.query('select 1').then(
      () => undefined,
      (reason: unknown) => reason,
    );

    const mapped = toOrchestrixError(error, 'save', timeouts);

    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped.retryable).toBe(false);
  });

  it('returns an OrchestrixError unchanged', () => {
    const conflict = new ConcurrencyError('order-1', 1, 2);

    expect(toOrchestrixError(conflict, 'save', timeouts)).toBe(conflict);
  });

  it('wraps a value that is not an Error', () => {
    const mapped = toOrchestrixError('boom', 'save', timeouts);

    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped.cause).toBe('boom');
  });
});
