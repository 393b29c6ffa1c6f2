import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The path of the program `name` on the `PATH`, or `undefined` when it is not installed. */
export function locateBinary(name: string): string | undefined {
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
