import { FakeClock } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { inMemoryTracing } from './support/in-memory-tracing';

const SAMPLED_PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const DROPPED_PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';

describe('TracingConfig samplers', () => {
  it('records nothing with the const sampler at 0, and still runs the work', async () => {
    const { tracer, spans } = inMemoryTracing({ samplerType: 'const', samplerParam: 0 });

    const result = await tracer.span('work', {}, () => tracer.spanCommand('PlaceOrder', 'order-1', () => 'done'));
    const started = tracer.startSpan('child', { parent: SAMPLED_PARENT });
    started.end();

    expect(result).toBe('done');
    expect(spans()).toEqual([]);
    expect(started.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
  });

  it('records every span with the const sampler at 1, even under a parent that was dropped', () => {
    const { tracer, spans } = inMemoryTracing({ samplerType: 'const', samplerParam: 1 });

    tracer.startSpan('root').end();
    tracer.startSpan('child', { parent: DROPPED_PARENT }).end();

    expect(spans().map((span) => span.name)).toEqual(['root', 'child']);
  });

  it('keeps no new trace at probability 0 and every one at 1', async () => {
    const none = inMemoryTracing({ samplerType: 'probabilistic', samplerParam: 0 });
    const all = inMemoryTracing({ samplerType: 'probabilistic', samplerParam: 1 });

    for (let request = 0; request < 20; request += 1) {
      await none.tracer.span('request', {}, () => undefined);
      await all.tracer.span('request', {}, () => undefined);
    }

    expect(none.spans()).toHaveLength(0);
    expect(all.spans()).toHaveLength(20);
  });

  it('follows the parent’s decision with the probabilistic sampler', () => {
    const { tracer, spans } = inMemoryTracing({ samplerType: 'probabilistic', samplerParam: 0 });

    tracer.startSpan('kept', { parent: SAMPLED_PARENT }).end();
    tracer.startSpan('dropped', { parent: DROPPED_PARENT }).end();

    expect(spans().map((span) => span.name)).toEqual(['kept']);
  });

  it('keeps a share of new traces near the probability', async () => {
    const { tracer, spans } = inMemoryTracing({ samplerType: 'probabilistic', samplerParam: 0.5 });

    for (let request = 0; request < 400; request += 1) await tracer.span('request', {}, () => undefined);

    expect(spans().length).toBeGreaterThan(120);
    expect(spans().length).toBeLessThan(280);
  });

  it('keeps at most samplerParam new traces per second with the ratelimiting sampler, whole', async () => {
    const clock = new FakeClock();
    const { tracer, spans } = inMemoryTracing({ samplerType: 'ratelimiting', samplerParam: 2, clock });
    const request = (): Promise<void> => tracer.span('request', {}, () => tracer.span('load', {}, () => undefined));

    for (let count = 0; count < 5; count += 1) await request();
    const keptAtOnce = spans().filter((span) => span.name === 'request').length;
    await clock.advance(1000);
    for (let count = 0; count < 5; count += 1) await request();

    expect(keptAtOnce).toBe(2);
    expect(spans().filter((span) => span.name === 'request')).toHaveLength(4);
    expect(spans().filter((span) => span.name === 'load')).toHaveLength(4);
  });

  it('keeps no trace with the ratelimiting sampler at 0 per second', async () => {
    const clock = new FakeClock();
    const { tracer, spans } = inMemoryTracing({ samplerType: 'ratelimiting', samplerParam: 0, clock });

    await tracer.span('request', {}, () => undefined);
    await clock.advance(60_000);
    await tracer.span('request', {}, () => undefined);

    expect(spans()).toEqual([]);
  });
});
