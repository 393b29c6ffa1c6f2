import { locateBinary } from './locate-binary';

/**
 * The path of the program `name` a test runs (from the `PATH`). When it is missing, the test is skipped
 * with a message naming the Debian package that ships it, or, in CI (`CI=true`), fails with that message:
 * CI installs the package, so a missing binary there is a fault, never a silent skip.
 *
 * @param debianPackage - The package to install, named in the message, e.g. `prometheus`.
 * @example const promtool = requireBinary('promtool', 'prometheus', context);
 */
export function requireBinary(name: string, debianPackage: string, context: { skip(note?: string): never }): string {
  const found = locateBinary(name);
  if (found !== undefined) return found;
  const message = `${name} is not on the PATH: install Debian's package ${debianPackage} (apt-get install ${debianPackage})`;
  if (process.env.CI === 'true') throw new Error(`${message}. In CI a missing binary is a failure.`);
  return context.skip(message);
}
