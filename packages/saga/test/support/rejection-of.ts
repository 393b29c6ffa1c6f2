/**
 * What `promise` rejects with; fails when it resolves. Attach it as soon as the promise exists, before the
 * test advances the clock, so the rejection is never unhandled.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved.');
}
