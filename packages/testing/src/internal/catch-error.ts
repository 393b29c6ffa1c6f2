/**
 * Runs `operation` and returns what it threw or rejected with; fails when it succeeds. Lets a test
 * assert on an error's class and fields, never its message.
 */
export async function catchError(operation: () => unknown): Promise<unknown> {
  try {
    await operation();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the operation to fail, but it succeeded.');
}
