import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Inside the repository, so examples resolve `vitest` and the other root dependencies like real code. */
const SCRATCH_PARENT = path.join(REPOSITORY_ROOT, 'apps/demo/node_modules/.cache');
const FENCE = /^```(\S*)([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;

/** One ```ts block of a README, and the README line its code starts on. */
interface Example {
  readonly readme: string;
  readonly index: number;
  readonly firstLine: number;
  readonly code: string;
}

/** The root README, then every package's README, as paths relative to the repository root. */
function readmePaths(): string[] {
  const packages = readdirSync(path.join(REPOSITORY_ROOT, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/README.md`)
    .filter((readme) => {
      try {
        readFileSync(path.join(REPOSITORY_ROOT, readme));
        return true;
      } catch {
        return false;
      }
    });
  return ['README.md', ...packages.sort()];
}

/** Every ```ts (or ```typescript) block of `readme`, except those marked `no-check`. */
function examplesOf(readme: string): Example[] {
  const text = readFileSync(path.join(REPOSITORY_ROOT, readme), 'utf8');
  const examples: Example[] = [];
  for (const match of text.matchAll(FENCE)) {
    const [, language = '', flags = '', code = ''] = match;
    if (language !== 'ts' && language !== 'typescript') continue;
    if (flags.split(/\s+/).includes('no-check')) continue;
    const firstLine = text.slice(0, match.index).split('\n').length + 1;
    examples.push({ readme, index: examples.length + 1, firstLine, code });
  }
  return examples;
}

/** The repository's compiler options, with the package paths made absolute and the Node types found from the root. */
function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(REPOSITORY_ROOT, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPOSITORY_ROOT);
  const paths = Object.fromEntries(
    Object.entries(options.paths ?? {}).map(([name, targets]) => [
      name,
      targets.map((target) => path.resolve(REPOSITORY_ROOT, target)),
    ]),
  );
  return {
    ...options,
    paths,
    noEmit: true,
    types: ['node'],
    typeRoots: [path.join(REPOSITORY_ROOT, 'node_modules/@types')],
  };
}

/** Type-checks every example in one program; returns the problems per README, as `README.md:17: TS2322 …`. */
function typeCheck(examples: readonly Example[], directory: string): Map<string, string[]> {
  const fileToExample = new Map<string, Example>();
  for (const example of examples) {
    const slug = example.readme.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const fileName = path.join(directory, `${slug}-example-${example.index}.ts`);
    // `export {}` makes every block its own module, as it would be in a user's file.
    writeFileSync(fileName, `${example.code}\nexport {};\n`);
    fileToExample.set(fileName, example);
  }
  const program = ts.createProgram([...fileToExample.keys()], compilerOptions());
  const problems = new Map<string, string[]>(examples.map((example) => [example.readme, []]));
  const report = (readme: string, text: string) => problems.set(readme, [...(problems.get(readme) ?? []), text]);
  for (const diagnostic of program.getOptionsDiagnostics()) {
    report('README.md', `compiler options: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  }
  for (const [fileName, example] of fileToExample) {
    const sourceFile = program.getSourceFile(fileName);
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    for (const diagnostic of diagnostics) {
      const line =
        diagnostic.file === undefined || diagnostic.start === undefined
          ? 0
          : diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      report(
        example.readme,
        `${example.readme}:${example.firstLine + line} (example ${example.index}): TS${diagnostic.code} ${text}`,
      );
    }
  }
  return problems;
}

const readmes = readmePaths();
const examples = readmes.flatMap(examplesOf);
let problems: Map<string, string[]> | undefined;
let scratch: string | undefined;

function problemsOf(readme: string): string[] {
  if (problems === undefined) {
    mkdirSync(SCRATCH_PARENT, { recursive: true });
    scratch = mkdtempSync(path.join(SCRATCH_PARENT, 'readme-examples-'));
    problems = typeCheck(examples, scratch);
  }
  return problems.get(readme) ?? [];
}

describe('README examples', () => {
  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it('include at least one ts example in the root README', () => {
    expect(examples.filter((example) => example.readme === 'README.md').length).toBeGreaterThan(0);
  });

  it.each(readmes)('type-check in %s', (readme) => {
    expect(problemsOf(readme)).toEqual([]);
  });
});
