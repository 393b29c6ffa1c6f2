import { spawnSync } from 'node:child_process';
import { requireBinary } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../src/metrics/prometheus-metrics';

/** Fills every metric of the catalogue, through the trackers and the hooks. */
function recordEverything(metrics: PrometheusMetrics): void {
  metrics.trackEventPublish('OrderPlaced', () => undefined);
  metrics.trackCommandHandle('PlaceOrder', () => undefined);
  metrics.trackAggregateLoad('Order', () => undefined);
  metrics.setAggregatesInMemory('Order', 1);
  metrics.trackStorageOperation('save', () => undefined);
  metrics.recordProjectionLag('order_totals', 2);
  metrics.trackProjectionUpdate('order_totals', () => undefined);
  metrics.trackSagaExecution('OrderSaga', () => undefined);
  metrics.messageHandled({
    kind: 'event',
    messageType: 'OrderPlaced',
    handlerName: 'mailer',
    status: 'error',
    durationMs: 1,
  });
  metrics.deadLettered({ messageType: 'OrderPlaced', handlerName: 'mailer' });
  metrics.aggregateLoaded({ aggregateType: 'Order', status: 'error', durationMs: 1, eventCount: 0 });
  metrics.aggregateLoaded({ aggregateType: 'Order', status: 'success', durationMs: 1, eventCount: 12 });
  metrics.commandHandled({ aggregateType: 'Order', status: 'success', durationMs: 2, attempts: 2 });
  metrics.projectionUpdated({ projection: 'order_totals', status: 'success', durationMs: 3, eventCount: 100 });
  metrics.projectionUpdated({ projection: 'broken_view', status: 'error', durationMs: 3, eventCount: 100 });
  metrics.sagaStarted({ sagaType: 'OrderSaga', resumed: true });
  metrics.sagaStepFinished({
    sagaType: 'OrderSaga',
    stepName: 'payment',
    status: 'success',
    durationMs: 4,
    attempts: 1,
  });
  metrics.sagaCompensated({
    sagaType: 'OrderSaga',
    stepName: 'payment',
    status: 'success',
    durationMs: 4,
    attempts: 1,
  });
  metrics.sagaFinished({ sagaType: 'OrderSaga', status: 'compensated', durationMs: 5 });
}

describe('PrometheusMetrics exposition under promtool', () => {
  it('passes `promtool check metrics` with every metric filled, summaries included', async (context) => {
    const promtool = requireBinary('promtool', 'prometheus', context);
    const metrics = new PrometheusMetrics();
    recordEverything(metrics);
    const exposition = await PrometheusMetrics.generateExposition(metrics.getPrometheusRegistry());

    const result = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });

    expect(result.error).toBeUndefined();
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
