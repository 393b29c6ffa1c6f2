// The README's Layout block names only files and folders that exist: a moved or deleted one (as
// src/observability/ was, replaced by tracingConfigFromEnv) fails here until the README follows.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SHOP_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The `src/…` paths named in the ```text block under the README's "## Layout" heading. */
function layoutPaths(): string[] {
  const readme = readFileSync(`${SHOP_ROOT}README.md`, 'utf8');
  const layout = /^## Layout\n+```text\n([\s\S]*?)^```/m.exec(readme)?.[1];
  if (layout === undefined) throw new Error('README.md has no ```text block under "## Layout"');
  return [...layout.matchAll(/\bsrc\/[\w./-]*/g)].map(([found]) => found);
}

describe('the shop README', () => {
  it('lists in its layout only paths that exist', () => {
    const paths = layoutPaths();

    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((listed) => !existsSync(`${SHOP_ROOT}${listed}`))).toEqual([]);
  });
});
