/**
 * Calls `work` and returns what it threw, so a test can assert on the error's class and fields, never
 * its message. Throws when `work` returns instead.
 *
 * @internal For core's tests only; not exported from the package.
 * @example
 * const error = caughtError(() => validateStreamId(''));
 * expect(error).toBeInstanceOf(ValidationError);
 */
export function caughtError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw, but it returned.');
}
