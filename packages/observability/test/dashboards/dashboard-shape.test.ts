import { describe, expect, it } from 'vitest';
import { allPanels, type DashboardPanel, dashboardQueries, readDashboard } from './support/dashboard-queries';

const dashboard = readDashboard();
const panels = allPanels(dashboard);
const contentPanels = panels.filter((panel) => panel.type !== 'row');
/** Every panel and target reads the data source the `datasource` variable names. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template literal.
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function boxOf(panel: DashboardPanel): Box {
  const { x, y, w, h } = panel.gridPos ?? {};
  return { x: Number(x), y: Number(y), w: Number(w), h: Number(h) };
}

function overlaps(left: Box, right: Box): boolean {
  return (
    left.x < right.x + right.w && right.x < left.x + left.w && left.y < right.y + right.h && right.y < left.y + left.h
  );
}

describe('dashboards/orchestrix.json', () => {
  it('is a Grafana dashboard of schema version 39 with a title, a uid and a Prometheus data source variable', () => {
    const variables = dashboard.templating?.list ?? [];

    expect(dashboard.schemaVersion).toBe(39);
    expect(dashboard.title).toBe('Orchestrix');
    expect(dashboard.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(variables).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
  });

  it('gives every panel, rows included, a unique numeric id', () => {
    const ids = panels.map((panel) => panel.id);

    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('places every panel on the 24-column grid without overlaps', () => {
    const boxes = panels.map((panel) => ({ title: String(panel.title), box: boxOf(panel) }));

    for (const { title, box } of boxes) {
      expect(Object.values(box).every(Number.isInteger), title).toBe(true);
      expect(box.x >= 0 && box.y >= 0 && box.w > 0 && box.h > 0 && box.x + box.w <= 24, title).toBe(true);
    }
    const overlapping = boxes.flatMap((left, index) =>
      boxes
        .slice(index + 1)
        .filter((right) => overlaps(left.box, right.box))
        .map((right) => `${left.title} / ${right.title}`),
    );
    expect(overlapping).toEqual([]);
  });

  it('gives every panel a type, a title and Prometheus targets with distinct refIds, on the data source variable', () => {
    expect(contentPanels.length).toBeGreaterThan(30);
    for (const panel of contentPanels) {
      const where = String(panel.title);
      const targets = panel.targets ?? [];
      expect(['stat', 'timeseries', 'state-timeline', 'table', 'bargauge', 'gauge']).toContain(panel.type);
      expect(where.trim()).not.toBe('');
      expect(panel.datasource, where).toEqual(DATASOURCE);
      expect(targets.length, where).toBeGreaterThan(0);
      expect(new Set(targets.map((target) => target.refId)).size, where).toBe(targets.length);
      for (const target of targets) {
        expect(target.datasource, where).toEqual(DATASOURCE);
        expect(typeof target.expr === 'string' && target.expr.trim() !== '', where).toBe(true);
      }
    }
  });

  it('lays rows out as full-width headers with their panels below them', () => {
    const rows = panels.filter((panel) => panel.type === 'row');

    expect(rows.map((row) => row.title)).toEqual([
      'Overview',
      'Throughput',
      'Latency',
      'Errors',
      'Storage',
      'Projections',
      'Sagas',
      'Dead letters',
    ]);
    for (const row of rows) expect(boxOf(row), String(row.title)).toMatchObject({ x: 0, w: 24, h: 1 });
  });

  it('uses only variables it defines, and Grafana built-ins', () => {
    const defined = new Set((dashboard.templating?.list ?? []).map((variable) => String(variable.name)));
    const used = dashboardQueries(dashboard).flatMap(({ expr }) =>
      [...expr.matchAll(/\$\{(\w+)\}|\$(\w+)/g)].map((match) => match[1] ?? match[2] ?? ''),
    );

    const undefinedVariables = used.filter((name) => !defined.has(name) && !name.startsWith('__'));
    expect(undefinedVariables).toEqual([]);
    expect(new Set(used)).toEqual(new Set(['job', 'instance', '__rate_interval', '__range']));
  });
});
