import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import { workspaceAliases } from '../../../vitest.shared';

type TestState = 'passed' | 'failed' | 'skipped' | 'pending';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** Outcome of every test of the fixture run, by file name and then by full test name. */
const outcomes = new Map<string, Map<string, TestState>>();

async function runFixtureSuites(): Promise<void> {
  const exitCodeBefore = process.exitCode;
  const vitest = await startVitest(
    'test',
    [],
    {
      root: packageRoot,
      config: false,
      include: ['test/fixtures/*.contract.ts'],
      watch: false,
      reporters: [{}],
      silent: true,
    },
    { resolve: { alias: workspaceAliases } },
  );
  // A failing nested run marks the process as failed; these failures are the expected result.
  process.exitCode = exitCodeBefore;
  for (const testModule of vitest.state.getTestModules()) {
    const fileName = testModule.moduleId.split('/').at(-1) ?? testModule.moduleId;
    const tests = new Map<string, TestState>();
    for (const testCase of testModule.children.allTests()) tests.set(testCase.fullName, testCase.result().state);
    outcomes.set(fileName, tests);
  }
  await vitest.close();
}

function outcomesOf(fileName: string): Map<string, TestState> {
  const tests = outcomes.get(fileName);
  if (tests === undefined) throw new Error(`The fixture run has no results for ${fileName}.`);
  return tests;
}

function failedTitles(fileName: string): string[] {
  return [...outcomesOf(fileName)].filter(([, state]) => state === 'failed').map(([title]) => title);
}

function expectFailing(fileName: string, titleParts: readonly string[]): void {
  const failed = failedTitles(fileName);
  for (const part of titleParts) {
    expect(
      failed.filter((title) => title.includes(part)),
      `a failing test titled "${part}"`,
    ).not.toEqual([]);
  }
}

describe('the conformance suites', () => {
  beforeAll(runFixtureSuites, 180_000);

  it('pass every test on the correct reference event store, in the same programmatic run', () => {
    const tests = outcomesOf('reference.contract.ts');

    expect(tests.size).toBeGreaterThan(60);
    expect(failedTitles('reference.contract.ts')).toEqual([]);
  });

  it('fail the numbering tests of a store that numbers versions from 0', () => {
    expectFailing('broken-off-by-one.contract.ts', [
      "numbers a stream's events from 1",
      'continues the numbering with each append',
      'returns only the events after fromVersion',
    ]);
  });

  it('fail the concurrency tests and the model test of a store that awaits between its version check and its write', () => {
    expectFailing('broken-read-then-write.contract.ts', [
      'lets exactly one of 16 concurrent writers with the same expected version win',
      'lets exactly one of 16 concurrent creators of a new stream win',
      "serialises 16 concurrent 'any' appends",
      'behaves like the stream model under interleaved concurrent appends',
    ]);
  });

  it('fail the stored-data tests of a store that hands out the caller objects', () => {
    expectFailing('broken-shared-data.contract.ts', [
      'hands back each stored event deeply frozen',
      'keeps stored data unchanged when the caller mutates its event object after save',
      'a Date becomes its ISO string',
    ]);
  });

  it('fail the handler-failure tests of a bus that swallows handler errors', () => {
    expectFailing('broken-swallowing-bus.contract.ts', [
      'rejects publish with HandlerError naming the type, the handler and the cause',
      'rejects publish with HandlerError when a handler throws synchronously',
      'rejects with HandlerError when the named handler fails',
      'calls no later handler once one fails',
    ]);
  });

  it('fail the concurrent compare-and-set test of a checkpoint store that awaits between compare and set', () => {
    expectFailing('broken-racy-checkpoints.contract.ts', [
      'lets exactly one of 8 concurrent writers with the same expected position win',
    ]);
  });

  it('pass the tests a broken adapter does not break', () => {
    const offByOne = outcomesOf('broken-off-by-one.contract.ts');
    const passed = [...offByOne].filter(([, state]) => state === 'passed').map(([title]) => title);

    expect(passed.some((title) => title.includes("refuses 'stream_exists' for a new stream"))).toBe(true);
    expect(passed.some((title) => title.includes('refuses data holding NaN'))).toBe(true);
  });
});
