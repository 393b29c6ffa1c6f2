/** The longest {@link until} waits, in real time, before it gives up: a bound, never a delay. */
const GIVE_UP_AFTER_MS = 10_000;

/**
 * Resolves once `condition` holds, yielding to the event loop between checks so pending I/O (a database
 * round trip) and promise continuations run. Nothing waits on a timer: it checks again at once.
 *
 * @throws Error naming `what` when the condition still does not hold after 10 s.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting until ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
