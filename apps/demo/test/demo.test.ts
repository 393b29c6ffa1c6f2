import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { StoredEvent } from '@orchestrix/core';
import { PrometheusMetrics } from '@orchestrix/observability';
import type { SagaState } from '@orchestrix/saga';
import { beforeAll, describe, expect, it } from 'vitest';
import { histogramQuantile } from '../src/metrics/histogram-quantile';
import { shortId } from '../src/report/short-id';
import { runDemo } from '../src/run-demo';
import { type DemoOutput, parseDemoOutput } from './demo-output';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

/** Versions printed for `streamId`, in printed order. */
function printedVersions(output: DemoOutput, streamId: string): number[] {
  return output.events.filter((event) => event.streamId === streamId).map((event) => event.version);
}

/** 1, 2, …, n. */
function oneTo(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

/** An account's balance replayed from its stored events, independently of the demo's Account class. */
function replayBalance(events: readonly StoredEvent[]): number {
  return events.reduce((balance, event) => {
    const data = event.data as { openingBalance?: number; amount?: number };
    if (event.type === 'AccountOpened') return data.openingBalance ?? Number.NaN;
    if (event.type === 'MoneyDeposited') return balance + (data.amount ?? Number.NaN);
    if (event.type === 'MoneyWithdrawn') return balance - (data.amount ?? Number.NaN);
    return balance;
  }, 0);
}

describe('pnpm demo', () => {
  let output: DemoOutput;

  beforeAll(async () => {
    const { stdout } = await run('pnpm', ['demo'], { cwd: REPOSITORY_ROOT, timeout: 60_000 });
    output = parseDemoOutput(stdout);
  }, 60_000);

  it('prints each stream version once, from v1 up to the version in the summary', () => {
    const streams = [...output.summary.orders, ...output.summary.accounts];

    expect(streams.length).toBe(4);
    for (const stream of streams) expect(printedVersions(output, stream.id)).toEqual(oneTo(stream.version));
  });

  it('prints every stored event once, at positions 1 to the event count', () => {
    const positions = output.events.map((event) => event.position).sort((left, right) => left - right);

    expect(positions).toEqual(oneTo(output.summary.eventCount));
  });

  it('shows one correlation id across the whole flow of each order', () => {
    for (const order of output.summary.orders) {
      const [correlationId] = order.correlationIds;
      const eventCorrelations = new Set(
        output.events.filter((event) => event.streamId === order.id).map((event) => event.correlationId),
      );

      expect(order.correlationIds).toHaveLength(1);
      expect([...eventCorrelations]).toEqual([shortId(correlationId)]);
    }
  });

  it('prints the order flow as a causation chain from PlaceOrder to OrderConfirmed', () => {
    const flow = output.messagesByStep.get('1.1') ?? [];

    expect(flow.map((message) => message.type)).toEqual([
      'PlaceOrder',
      'OrderPlaced',
      'PayOrder',
      'PaymentCompleted',
      'ReserveInventory',
      'InventoryReserved',
      'ConfirmOrder',
      'OrderConfirmed',
    ]);
    expect(new Set(flow.map((message) => message.correlationId)).size).toBe(1);
    flow.slice(1).forEach((message, index) => {
      expect(message.causationId).toBe(flow[index]?.id);
    });
  });

  it('reports a transfer that lost a real race and was decided again', () => {
    expect(output.summary.transferAttempts).toBeGreaterThanOrEqual(2);
    expect(output.lines).toContain('  decide TransferMoney on alice: attempt 2 sees v3, balance 1300');
    expect(output.lines.some((line) => line.includes('Retrying after a concurrency conflict'))).toBe(true);
  });

  it('refuses the overdraft with INSUFFICIENT_FUNDS and writes nothing for it', () => {
    const overdraftStep = output.messagesByStep.get('2.4') ?? [];

    expect(output.summary.overdraftErrorCode).toBe('INSUFFICIENT_FUNDS');
    expect(output.lines).toContain(
      '  its cause: InsufficientFundsError code=INSUFFICIENT_FUNDS accountId=alice balance=1050 requested=10000',
    );
    expect(overdraftStep.map((message) => message.type)).toEqual(['TransferMoney']);
  });

  it('dead-letters the failing receipt after its retries and empties the queue by redriving it', () => {
    const deadLetterIndex = output.lines.findIndex((line) => line.startsWith('  dead letter '));

    expect(output.summary.deadLettersAfterRetries).toBe(1);
    expect(output.summary.deadLettersAfterRedrive).toBe(0);
    expect(output.summary.redrive).toEqual({ succeeded: 1, failed: 0 });
    expect(output.lines[deadLetterIndex]).toContain('handler=sendReceiptEmail attempts=3 message=MoneyDeposited');
    expect(output.lines[deadLetterIndex + 1]).toContain('error=SmtpTimeoutError(SMTP_TIMEOUT)');
  });

  it('completes one order saga and compensates the other, refunding its payment under the same key', () => {
    expect(output.summary.sagas).toEqual([
      { sagaId: 'order-saga-1', status: 'completed' },
      { sagaId: 'order-saga-2', status: 'compensated' },
    ]);
    expect(output.lines).toContain('  inventory  attempt 2: reserve 3 x monitor (key order-saga-2:inventory)');
    expect(output.lines.some((line) => line.startsWith('  payment    compensation: refund'))).toBe(true);
    expect(output.lines).toContain(
      '    payment    compensated  attempts=1 compensationAttempts=1 key=order-saga-2:payment',
    );
  });

  it('ends with what the metrics registry counted, matching the flow it printed', () => {
    const { metrics, eventCount, deadLettersAfterRetries, transferAttempts, sagas } = output.summary;
    const section = output.lines.slice(output.lines.indexOf('== 5. What the metrics registry counted =='));

    expect(metrics.commands).toEqual({ handled: output.commands.length, failed: 2 });
    expect(metrics.eventsPublished).toBe(eventCount);
    // Every decision of the demo appends one event: one successful save per stored event.
    expect(metrics.saves).toEqual({ succeeded: eventCount, failed: transferAttempts - 1 });
    expect(metrics.deadLetters).toBe(deadLettersAfterRetries);
    expect(metrics.sagaOutcomes).toEqual({
      completed: sagas.filter((saga) => saga.status === 'completed').length,
      compensated: sagas.filter((saga) => saga.status === 'compensated').length,
      failed: 0,
    });
    expect(metrics.p95CommandLatencyMs).toBeGreaterThan(0);
    expect(section).toEqual(
      expect.arrayContaining([
        `  commands handled: ${metrics.commands.handled}, 2 failed (orchestrix_core_commands_total)`,
        `  events published: ${eventCount}, each stored event once (orchestrix_core_events_total)`,
        `  p95 command latency: ${metrics.p95CommandLatencyMs?.toFixed(2)} ms (histogram_quantile(0.95) over orchestrix_core_commands_latency_seconds)`,
        `  dead letters: 1 (orchestrix_core_dead_letters_total)`,
        '  sagas: 1 completed, 1 compensated, 0 failed (orchestrix_core_saga_outcomes_total)',
      ]),
    );
    expect(output.lines.at(-2)).toMatch(/^DEMO-SUMMARY /);
  });
});

describe('runDemo', () => {
  it('reports the figures the store holds', async () => {
    const lines: string[] = [];

    const { store, deadLetterQueue, summary } = await runDemo({ write: (line) => lines.push(line) });

    const stored = await store.readAll({ limit: 10_000 });
    expect(summary.eventCount).toBe(stored.length);
    for (const order of summary.orders) {
      const events = await store.load(order.id);
      expect(order.version).toBe(await store.streamVersion(order.id));
      expect(order.correlationIds).toEqual([...new Set(events.map((event) => event.correlationId))]);
    }
    for (const account of summary.accounts) {
      expect(account.version).toBe(await store.streamVersion(account.id));
      expect(account.balance).toBe(replayBalance(await store.load(account.id)));
    }
    expect(await deadLetterQueue.count()).toBe(summary.deadLettersAfterRedrive);
  });

  it('reports the saga outcomes the saga state store holds', async () => {
    const { sagaStateStore, summary } = await runDemo();

    const stored = await Promise.all(summary.sagas.map(({ sagaId }) => sagaStateStore.load(sagaId)));

    expect(summary.sagas).toEqual(stored.map((record) => ({ sagaId: record?.sagaId, status: record?.status })));
    const steps = stored.map((record) =>
      (record?.state as SagaState | undefined)?.steps.map((step) => [step.name, step.status, step.attempts]),
    );
    expect(steps).toEqual([
      [
        ['payment', 'completed', 1],
        ['inventory', 'completed', 1],
        ['confirm', 'completed', 1],
      ],
      [
        ['payment', 'compensated', 1],
        ['inventory', 'failed', 2],
        ['confirm', 'pending', 0],
      ],
    ]);
  });

  it('prints exactly the stored events, each with its stream, version, position and ids', async () => {
    const lines: string[] = [];

    const { store } = await runDemo({ write: (line) => lines.push(line) });

    const printed = parseDemoOutput(lines.join('\n')).events.map(({ step, ...event }) => event);
    const stored = (await store.readAll({ limit: 10_000 })).map((event) => ({
      type: event.type,
      streamId: event.streamId,
      version: event.version,
      position: Number(event.position),
      id: shortId(event.id),
      correlationId: shortId(event.correlationId),
      causationId: shortId(event.causationId),
    }));
    expect(printed).toEqual(stored);
  });

  it('ends the balances at what the deposits and transfers add up to', async () => {
    const { summary } = await runDemo();

    expect(summary.accounts).toEqual([
      { id: 'alice', version: 4, balance: 1050 },
      { id: 'bob', version: 3, balance: 825 },
    ]);
  });

  it('reads its metrics summary from the registry it was given, as a scrape of it sums the series', async () => {
    const metrics = new PrometheusMetrics();

    const { summary } = await runDemo({ metrics });

    const samples = parseSamples(await PrometheusMetrics.generateExposition(metrics.getPrometheusRegistry()));
    const total = (name: string, labels: Record<string, string> = {}) =>
      samples
        .filter(
          (sample) =>
            sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
        )
        .reduce((sum, sample) => sum + sample.value, 0);
    const buckets = new Map<number, number>();
    for (const sample of samples.filter(
      (sample) => sample.name === 'orchestrix_core_commands_latency_seconds_bucket',
    )) {
      const upperBound = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
      buckets.set(upperBound, (buckets.get(upperBound) ?? 0) + sample.value);
    }
    const sortedBuckets = [...buckets].map(([upperBound, count]) => ({ upperBound, count }));
    const p95Seconds = histogramQuantile(0.95, sortedBuckets) ?? Number.NaN;
    expect(summary.metrics).toEqual({
      commands: {
        handled: total('orchestrix_core_commands_total'),
        failed: total('orchestrix_core_commands_total', { status: 'error' }),
      },
      eventsPublished: total('orchestrix_core_events_total'),
      saves: {
        succeeded: total('orchestrix_core_storage_operations_total', { operation_type: 'save', status: 'success' }),
        failed: total('orchestrix_core_storage_operations_total', { operation_type: 'save', status: 'error' }),
      },
      p95CommandLatencyMs: p95Seconds * 1000,
      deadLetters: total('orchestrix_core_dead_letters_total'),
      sagaOutcomes: {
        completed: total('orchestrix_core_saga_outcomes_total', { outcome: 'completed' }),
        compensated: total('orchestrix_core_saga_outcomes_total', { outcome: 'compensated' }),
        failed: total('orchestrix_core_saga_outcomes_total', { outcome: 'failed' }),
      },
    });
    expect(summary.metrics.commands.handled).toBe(total('orchestrix_core_commands_latency_seconds_count'));
  });
});

/** The samples of a text exposition: series name, labels and value (comments skipped). */
function parseSamples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) return [];
    const [, name = '', labelText = '', value = ''] = match;
    const labels = Object.fromEntries(
      [...labelText.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map(([, key = '', text = '']) => [
        key,
        text,
      ]),
    );
    return [{ name, labels, value: Number(value) }];
  });
}
