import { it, type TestFunction } from 'vitest';
import type { FakeClock } from '../clock/fake-clock';

/**
 * Registers a test that moves time, only when the harness gave a clock to advance: the contracts never
 * sleep, and a test that cannot run is left out rather than reported as skipped.
 */
export function itWithClock(clock: FakeClock | undefined, name: string, test: TestFunction): void {
  if (clock !== undefined) it(name, test);
}
