/** One sample line of a text exposition. */
export interface ExposedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric family of a text exposition: its `# HELP`, its `# TYPE` and its samples. */
export interface ExposedFamily {
  readonly name: string;
  help: string | undefined;
  type: string | undefined;
  readonly samples: ExposedSample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const SUFFIXES = ['_bucket', '_sum', '_count', ''];

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_match, character: string) => (character === 'n' ? '\n' : character));
}

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/**
 * Parses the Prometheus text exposition format (0.0.4) into families by name. Throws on a line it cannot
 * read, so a malformed exposition fails the test that reads it.
 */
export function parseExposition(text: string): Map<string, ExposedFamily> {
  const families = new Map<string, ExposedFamily>();
  const family = (name: string): ExposedFamily => {
    const found = families.get(name);
    if (found !== undefined) return found;
    const created: ExposedFamily = { name, help: undefined, type: undefined, samples: [] };
    families.set(name, created);
    return created;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment !== null) {
      const [, keyword, name = '', rest = ''] = comment;
      if (keyword === 'HELP') family(name).help = rest;
      else family(name).type = rest;
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (sample === null) throw new Error(`Not an exposition line: ${line}`);
    const [, name = '', labelText = '', valueText = ''] = sample;
    const labels: Record<string, string> = {};
    for (const [, label = '', value = ''] of labelText.matchAll(LABEL)) labels[label] = unescapeLabel(value);
    const owner = SUFFIXES.map((suffix) => name.slice(0, name.length - suffix.length)).find(
      (candidate, index) => name.endsWith(SUFFIXES[index] ?? '') && families.has(candidate),
    );
    if (owner === undefined) throw new Error(`Sample ${name} has no # TYPE line before it`);
    family(owner).samples.push({ name, labels, value: parseValue(valueText) });
  }
  return families;
}

/** The value of the sample `name` whose labels include `labels`; `undefined` when there is none. */
export function sampleValue(
  families: Map<string, ExposedFamily>,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  for (const family of families.values()) {
    const sample = family.samples.find(
      (candidate) =>
        candidate.name === name && Object.entries(labels).every(([key, value]) => candidate.labels[key] === value),
    );
    if (sample !== undefined) return sample.value;
  }
  return undefined;
}
