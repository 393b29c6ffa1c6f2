import { runDemo } from './run-demo';

// The entry of `pnpm demo`: the account goes to stdout; an unexpected failure to stderr, exit code 1.
try {
  await runDemo({ write: (line) => process.stdout.write(`${line}\n`) });
} catch (error) {
  process.stderr.write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
