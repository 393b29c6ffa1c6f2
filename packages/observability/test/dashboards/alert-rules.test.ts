import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireBinary } from '@orchestrix/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  dashboardQueries,
  RULES_PATH,
  RULES_TEST_PATH,
  readDashboard,
  readRules,
  readRuleTests,
  substituteVariables,
} from './support/dashboard-queries';

const run = promisify(execFile);

/** Runs promtool and resolves with its exit code and everything it printed; never rejects on a non-zero exit. */
async function promtool(binary: string, args: readonly string[]): Promise<{ exitCode: number; output: string }> {
  try {
    const { stdout, stderr } = await run(binary, [...args], { timeout: 30_000 });
    return { exitCode: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof failed.code !== 'number') throw error;
    return { exitCode: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'orchestrix-promtool-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('alerts/orchestrix.rules.yml', () => {
  it('passes promtool check rules', async (context) => {
    const binary = requireBinary('promtool', 'prometheus', context);

    const { exitCode, output } = await promtool(binary, ['check', 'rules', fileURLToPath(RULES_PATH)]);

    expect(output).toContain('SUCCESS: 9 rules found');
    expect(exitCode, output).toBe(0);
  });

  it('fires each alert on series that should fire it, and only then (promtool test rules)', async (context) => {
    const binary = requireBinary('promtool', 'prometheus', context);

    const { exitCode, output } = await promtool(binary, ['test', 'rules', fileURLToPath(RULES_TEST_PATH)]);

    expect(output).toContain('SUCCESS');
    expect(exitCode, output).toBe(0);
  });

  it('has a promtool test that expects each alert to fire', () => {
    const alerts = (readRules().groups ?? []).flatMap((group) => (group.rules ?? []).map((rule) => rule.alert));
    const tested = (readRuleTests().tests ?? []).flatMap((test) =>
      (test.alert_rule_test ?? [])
        .filter((check) => (check.exp_alerts ?? []).length > 0)
        .map((check) => check.alertname),
    );

    expect(new Set(tested)).toEqual(new Set(alerts));
  });
});

describe('dashboards/orchestrix.json', () => {
  it('holds only queries that Prometheus parses (promtool check rules over each, variables substituted)', async (context) => {
    const binary = requireBinary('promtool', 'prometheus', context);
    const dashboard = readDashboard();
    const variables = new Set((dashboard.templating?.list ?? []).map((variable) => String(variable.name)));
    const rules = dashboardQueries(dashboard).map(({ expr }, index) => ({
      record: `orchestrix:dashboard_query_${index}`,
      expr: substituteVariables(expr, variables),
    }));
    const file = path.join(scratch, 'dashboard-queries.rules.yml');
    await writeFile(file, stringify({ groups: [{ name: 'dashboard', rules }] }));

    const { exitCode, output } = await promtool(binary, ['check', 'rules', file]);

    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(exitCode, output).toBe(0);
  });
});
