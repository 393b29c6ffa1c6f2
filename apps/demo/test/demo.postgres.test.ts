import { randomBytes } from 'node:crypto';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/run-demo';
import { parseDemoOutput } from './demo-output';

const pool = new pg.Pool({
  connectionString: process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
});
const schema = `orx_demo_${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  await pool.query(`drop schema if exists "${schema}" cascade`);
  await pool.end();
});

describe('the demo on PostgreSQL', () => {
  it('runs both flows on PostgreSQL and prints exactly what the store holds', async () => {
    const store = new PostgreSQLEventStore({ pool, schema });
    await store.initialize();
    const lines: string[] = [];

    const { summary } = await runDemo({ store, storeLabel: 'PostgreSQL', write: (line) => lines.push(line) });

    const stored = await store.readAll({ limit: 10_000 });
    // Concurrent commits may print in another order than their positions: compare as position-ordered sets.
    const printed = [...parseDemoOutput(lines.join('\n')).events].sort((left, right) => left.position - right.position);
    expect(printed.map((event) => [event.streamId, event.version, event.position])).toEqual(
      stored.map((event) => [event.streamId, event.version, Number(event.position)]),
    );
    expect(summary.eventCount).toBe(stored.length);
    expect(summary.accounts).toEqual([
      { id: 'alice', version: 4, balance: 1050 },
      { id: 'bob', version: 3, balance: 825 },
    ]);
    expect(summary.transferAttempts).toBeGreaterThanOrEqual(2);
    expect(summary.deadLettersAfterRedrive).toBe(0);
    expect(summary.metrics).toMatchObject({
      commands: { handled: parseDemoOutput(lines.join('\n')).commands.length, failed: 2 },
      eventsPublished: stored.length,
      saves: { succeeded: stored.length, failed: summary.transferAttempts - 1 },
      deadLetters: 1,
      sagaOutcomes: { completed: 1, compensated: 1, failed: 0 },
    });
    const sagaStates = await Promise.all(summary.sagas.map(({ sagaId }) => store.sagaStates().load(sagaId)));
    expect(sagaStates.map((record) => [record?.sagaId, record?.status])).toEqual([
      ['order-saga-1', 'completed'],
      ['order-saga-2', 'compensated'],
    ]);
  }, 60_000);
});
