import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The binaries of Debian's `prometheus` package that the tests run. */
export type PrometheusBinary = 'prometheus' | 'promtool';

/** The path of `name` on the `PATH`, or `undefined` when it is not installed. */
export function locateBinary(name: PrometheusBinary): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory: try the next one.
    }
  }
  return undefined;
}

/**
 * The path of `name`. When it is missing, the test is skipped with a message naming Debian's package, or,
 * in CI (`CI=true`), fails with that message: CI installs the package, so a missing binary is a fault.
 */
export function requireBinary(name: PrometheusBinary, context: { skip(note?: string): never }): string {
  const found = locateBinary(name);
  if (found !== undefined) return found;
  const message = `${name} is not on the PATH: install Debian's package prometheus (apt-get install prometheus), which ships prometheus and promtool`;
  if (process.env.CI === 'true') throw new Error(`${message}. In CI a missing binary is a failure.`);
  return context.skip(message);
}
