import { ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';

function settledState(promise: Promise<unknown>): { readonly state: () => 'pending' | 'resolved' | 'rejected' } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  void promise.then(
    () => {
      state = 'resolved';
    },
    () => {
      state = 'rejected';
    },
  );
  return { state: () => state };
}

describe('FakeClock', () => {
  it('starts at 2026-01-01T00:00:00Z unless given a start', () => {
    expect(new FakeClock().now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(new FakeClock(new Date('2030-05-06T07:08:09Z')).now().toISOString()).toBe('2030-05-06T07:08:09.000Z');
  });

  it('moves now forward by the advanced time, with no timers pending', async () => {
    const clock = new FakeClock();

    await clock.advance(1500);

    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z');
  });

  it('resolves a sleep once time is advanced to its end, not before', async () => {
    const clock = new FakeClock();
    const sleep = settledState(clock.sleep(1000));

    await clock.advance(999);
    const before = sleep.state();
    await clock.advance(1);

    expect(before).toBe('pending');
    expect(sleep.state()).toBe('resolved');
    expect(clock.pendingTimers).toBe(0);
  });

  it('fires timers in order of their due time, each at its own time', async () => {
    const clock = new FakeClock();
    const startMs = clock.now().getTime();
    const fired: string[] = [];
    const track = (name: string, ms: number): Promise<void> =>
      clock.sleep(ms).then(() => {
        fired.push(`${name}@${clock.now().getTime() - startMs}`);
      });
    const sleeps = [track('late', 300), track('early', 100), track('middle', 200)];

    await clock.advance(1000);
    await Promise.all(sleeps);

    expect(fired).toEqual(['early@100', 'middle@200', 'late@300']);
  });

  it('lets the continuations of a fired timer run before the next one fires', async () => {
    const clock = new FakeClock();
    const ticks: number[] = [];
    const poll = async (): Promise<void> => {
      for (let tick = 0; tick < 3; tick += 1) {
        await clock.sleep(100);
        ticks.push(clock.now().getUTCMilliseconds());
      }
    };
    const polling = poll();

    await clock.advance(300);
    await polling;

    expect(ticks).toEqual([100, 200, 300]);
  });

  it('resolves sleep(0) at once', async () => {
    await expect(new FakeClock().sleep(0)).resolves.toBeUndefined();
  });

  it('rejects a negative or NaN delay with ValidationError', async () => {
    const clock = new FakeClock();

    await expect(clock.sleep(-1)).rejects.toBeInstanceOf(ValidationError);
    await expect(clock.sleep(Number.NaN)).rejects.toBeInstanceOf(ValidationError);
  });

  it("rejects a sleep with the signal's reason when aborted, and drops its timer", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const reason = new Error('stopped');
    const sleep = clock.sleep(1000, controller.signal);

    controller.abort(reason);

    await expect(sleep).rejects.toBe(reason);
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects a sleep at once with the signal's reason when already aborted", async () => {
    const reason = new Error('stopped');

    await expect(new FakeClock().sleep(1000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('aborts a timeout signal with a TimeoutError DOMException once advanced to its end', async () => {
    const clock = new FakeClock();
    const signal = clock.timeoutSignal(50);

    await clock.advance(49);
    const abortedEarly = signal.aborted;
    await clock.advance(1);

    expect(abortedEarly).toBe(false);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('cuts a sleep short with a timeout signal of the same clock', async () => {
    const clock = new FakeClock();
    const sleep = clock.sleep(1000, clock.timeoutSignal(50));
    const outcome = expect(sleep).rejects.toMatchObject({ name: 'TimeoutError' });

    await clock.advance(50);

    await outcome;
    expect(clock.pendingTimers).toBe(0);
  });

  it('fires every pending timer with runAll, moving time to the last one', async () => {
    const clock = new FakeClock();
    const sleeps = [clock.sleep(5000), clock.sleep(10)];
    const chained = clock.sleep(100).then(() => clock.sleep(100));

    await clock.runAll();
    await Promise.all([...sleeps, chained]);

    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:05.000Z');
    expect(clock.pendingTimers).toBe(0);
  });

  it('counts the sleeps and timeout signals still waiting', () => {
    const clock = new FakeClock();

    void clock.sleep(10);
    clock.timeoutSignal(20);

    expect(clock.pendingTimers).toBe(2);
  });
});
