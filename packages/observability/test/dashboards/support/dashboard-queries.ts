import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One PromQL expression of the dashboard or the rules, and where it is. */
export interface Query {
  readonly where: string;
  readonly expr: string;
}

/** A Grafana panel as the tests read it. */
export interface DashboardPanel {
  readonly id?: unknown;
  readonly type?: unknown;
  readonly title?: unknown;
  readonly gridPos?: { readonly x?: unknown; readonly y?: unknown; readonly w?: unknown; readonly h?: unknown };
  readonly datasource?: { readonly type?: unknown; readonly uid?: unknown };
  readonly targets?: readonly {
    readonly refId?: unknown;
    readonly expr?: unknown;
    readonly datasource?: { readonly type?: unknown; readonly uid?: unknown };
  }[];
  readonly panels?: readonly DashboardPanel[];
}

/** The dashboard JSON as the tests read it. */
export interface Dashboard {
  readonly title?: unknown;
  readonly uid?: unknown;
  readonly schemaVersion?: unknown;
  readonly panels?: readonly DashboardPanel[];
  readonly templating?: {
    readonly list?: readonly {
      readonly name?: unknown;
      readonly type?: unknown;
      readonly query?: unknown;
      readonly definition?: unknown;
    }[];
  };
}

export const DASHBOARD_PATH = new URL('../../../dashboards/orchestrix.json', import.meta.url);
export const RULES_PATH = new URL('../../../alerts/orchestrix.rules.yml', import.meta.url);
export const RULES_TEST_PATH = new URL('../orchestrix.rules.test.yml', import.meta.url);

export function readDashboard(): Dashboard {
  return JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as Dashboard;
}

/** Every panel, those inside collapsed rows included. */
export function allPanels(dashboard: Dashboard): DashboardPanel[] {
  return (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

const LABEL_VALUES = /^\s*label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$/s;

/**
 * Every PromQL expression of the dashboard: each panel target's `expr`, and the selector of each
 * `label_values(selector, label)` variable query (Grafana's syntax, not PromQL).
 */
export function dashboardQueries(dashboard: Dashboard = readDashboard()): Query[] {
  const targets = allPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      where: `panel ${String(panel.id)} "${String(panel.title)}" target ${String(target.refId)}`,
      expr: String(target.expr),
    })),
  );
  const variables = (dashboard.templating?.list ?? [])
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = variable.query as { query?: unknown } | string | undefined;
      const text = String(typeof query === 'object' ? query.query : query);
      const selector = LABEL_VALUES.exec(text)?.[1];
      if (selector === undefined) throw new Error(`Variable ${String(variable.name)} is not label_values(…): ${text}`);
      return { where: `variable ${String(variable.name)}`, expr: selector };
    });
  return [...targets, ...variables];
}

interface RuleFile {
  readonly groups?: readonly {
    readonly name?: string;
    readonly rules?: readonly { readonly alert?: string; readonly record?: string; readonly expr?: string }[];
  }[];
}

/** Every rule of alerts/orchestrix.rules.yml, by group. */
export function readRules(): RuleFile {
  return parse(readFileSync(RULES_PATH, 'utf8')) as RuleFile;
}

/** Every alert's expression in alerts/orchestrix.rules.yml. */
export function ruleQueries(rules: RuleFile = readRules()): Query[] {
  return (rules.groups ?? []).flatMap((group) =>
    (group.rules ?? []).map((rule) => ({
      where: `rule ${rule.alert ?? rule.record ?? '?'} in group ${group.name ?? '?'}`,
      expr: String(rule.expr),
    })),
  );
}

interface RuleTestFile {
  readonly tests?: readonly {
    readonly name?: string;
    readonly input_series?: readonly { readonly series?: string }[];
    readonly alert_rule_test?: readonly { readonly alertname?: string; readonly exp_alerts?: readonly unknown[] }[];
  }[];
}

/** The `promtool test rules` file of the alert rules. */
export function readRuleTests(): RuleTestFile {
  return parse(readFileSync(RULES_TEST_PATH, 'utf8')) as RuleTestFile;
}

/** The series selectors of the rule tests' input series (they are PromQL selectors). */
export function ruleTestSeries(tests: RuleTestFile = readRuleTests()): Query[] {
  return (tests.tests ?? []).flatMap((test) =>
    (test.input_series ?? []).map((input) => ({
      where: `input series of "${test.name ?? '?'}"`,
      expr: String(input.series),
    })),
  );
}

/** Grafana's built-in interval variables, and what the tests put in their place for promtool. */
export const GRAFANA_BUILT_INS: Readonly<Record<string, string>> = {
  __rate_interval: '5m',
  __interval: '1m',
  __range: '1h',
};

/**
 * `expr` as Prometheus would receive it from Grafana: built-in intervals become durations, and the
 * dashboard's own variables (`$job`, `${instance}`) become `.+`, the regex of their "All" value.
 */
export function substituteVariables(expr: string, variables: ReadonlySet<string>): string {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, plain: string | undefined) => {
    const name = braced ?? plain ?? '';
    const builtIn = GRAFANA_BUILT_INS[name];
    if (builtIn !== undefined) return builtIn;
    if (variables.has(name)) return '.+';
    throw new Error(`${match} is neither a Grafana built-in nor a variable of the dashboard`);
  });
}
