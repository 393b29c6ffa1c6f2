import type { Clock } from '@orchestrix/core';
import { type RawBuilder, sql } from 'kysely';

/** The current time of one operation, as SQL: the database's, or a {@link Clock}'s passed as a parameter. */
export interface SqlTime {
  /** The time now. */
  readonly now: RawBuilder<Date>;
  /** The time `ms` milliseconds from now. */
  after(ms: number): RawBuilder<Date>;
}

/**
 * The time for one operation. Without a clock it is the database's `now()`, one clock for every process
 * that shares the database (no skew between lease holders); with one (a fake clock in tests), the
 * clock's time, read once and bound as a parameter, so `now` and `after` agree.
 */
export function sqlTime(clock: Clock | undefined): SqlTime {
  if (clock === undefined) {
    return {
      now: sql<Date>`now()`,
      after: (ms) => sql<Date>`now() + ${ms}::double precision * interval '1 millisecond'`,
    };
  }
  const nowMs = clock.now().getTime();
  return {
    now: sql<Date>`${new Date(nowMs)}::timestamptz`,
    after: (ms) => sql<Date>`${new Date(nowMs + ms)}::timestamptz`,
  };
}
