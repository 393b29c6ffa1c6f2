#!/usr/bin/env node
// The `orchestrix-postgres` executable: runs the command line and exits with its code.
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2), {
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
});
