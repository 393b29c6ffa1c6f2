// Prints "N passed, N failed" from vitest's JSON report, so a run that executed no test is visible.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-results/results.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 0 failed');
  process.exit(1);
}
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed`);
if (report.numTotalTests === 0) process.exit(1);
