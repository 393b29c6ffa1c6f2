/** The metrics a PromQL expression reads: plain names, and `__name__=~"…"` patterns. */
export interface MetricReferences {
  readonly names: readonly string[];
  readonly namePatterns: readonly RegExp[];
}

/** Aggregation operators, binary-operator keywords, modifiers and literals: never metric names. */
const KEYWORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
  'and',
  'or',
  'unless',
  'atan2',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** Keywords followed by a parenthesized list of label names. */
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

const IDENTIFIER_START = /[a-zA-Z_:]/;
const IDENTIFIER_PART = /[a-zA-Z0-9_:]/;
const SPACE = /\s/;

/** The index just after the string literal that starts at `start`, and its value (escapes kept as written). */
function readString(expr: string, start: number): { end: number; value: string } {
  const quote = expr[start];
  let index = start + 1;
  let value = '';
  while (index < expr.length && expr[index] !== quote) {
    if (expr[index] === '\\' && quote !== '`') {
      value += expr.slice(index, index + 2);
      index += 2;
    } else {
      value += expr[index];
      index += 1;
    }
  }
  return { end: index + 1, value };
}

/** The index just after the bracket that closes the one at `start`, strings and nesting skipped. */
function skipBalanced(expr: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let index = start; index < expr.length; ) {
    const char = expr[index] ?? '';
    if (char === '"' || char === "'" || char === '`') {
      index = readString(expr, index).end;
      continue;
    }
    if (char === open) depth += 1;
    if (char === close) depth -= 1;
    index += 1;
    if (depth === 0) return index;
  }
  throw new Error(`Unbalanced ${open} at ${start} in: ${expr}`);
}

function skipSpace(expr: string, start: number): number {
  let index = start;
  while (index < expr.length && SPACE.test(expr[index] ?? '')) index += 1;
  return index;
}

function endOfLine(expr: string, start: number): number {
  const newline = expr.indexOf('\n', start);
  return newline === -1 ? expr.length : newline;
}

function readWhile(expr: string, start: number, pattern: RegExp): number {
  let index = start;
  while (index < expr.length && pattern.test(expr[index] ?? '')) index += 1;
  return index;
}

/** Reads the label matchers `{…}` at `start`: only `__name__` (or a quoted name alone) names a metric. */
function readMatchers(expr: string, start: number, found: { names: string[]; namePatterns: RegExp[] }): number {
  const end = skipBalanced(expr, start, '{', '}');
  const body = expr.slice(start + 1, end - 1);
  const matcher =
    /\s*(?:([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)\s*(?:,|$)/y;
  while (body.slice(matcher.lastIndex).trim() !== '') {
    const match = matcher.exec(body);
    if (match === null) throw new Error(`Cannot read the label matchers {${body}} in: ${expr}`);
    const [, label, operator, literal = ''] = match;
    const value = readString(literal, 0).value;
    if (label === undefined) found.names.push(value);
    else if (label === '__name__' && operator === '=') found.names.push(value);
    else if (label === '__name__' && operator === '=~') found.namePatterns.push(new RegExp(`^(?:${value})$`));
  }
  return end;
}

/**
 * The metric names a PromQL expression reads, found by a tokenizer that knows PromQL's lexical rules well
 * enough for dashboards and alert rules: it skips strings, numbers and durations (`5m`, `[1h:1m]`), Grafana
 * variables (`$job`, `${datasource}`, `$__rate_interval`), function names (an identifier before `(`),
 * keywords and aggregation operators, the label lists of `by`/`without`/`on`/`ignoring`/`group_left`/
 * `group_right`, and label names inside `{…}`, where only `__name__` counts.
 *
 * @example metricReferencesOf('sum by (le) (rate(x_bucket{job="a"}[5m]))') // { names: ['x_bucket'], namePatterns: [] }
 */
export function metricReferencesOf(expr: string): MetricReferences {
  const found = { names: [] as string[], namePatterns: [] as RegExp[] };
  let index = 0;
  while (index < expr.length) {
    const char = expr[index] ?? '';
    const next = expr[index + 1] ?? '';
    if (SPACE.test(char)) index += 1;
    else if (char === '#') index = endOfLine(expr, index);
    else if (char === '"' || char === "'" || char === '`') index = readString(expr, index).end;
    else if (char === '{') index = readMatchers(expr, index, found);
    else if (char === '[') index = skipBalanced(expr, index, '[', ']');
    else if (char === '$' && next === '{') index = skipBalanced(expr, index + 1, '{', '}');
    else if (char === '$') index = readWhile(expr, index + 1, IDENTIFIER_PART);
    else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(next)))
      index = readWhile(expr, index, /[0-9a-zA-Z_.]/);
    else if (IDENTIFIER_START.test(char)) {
      const end = readWhile(expr, index, IDENTIFIER_PART);
      const word = expr.slice(index, end);
      const after = skipSpace(expr, end);
      index = end;
      if (LABEL_LIST_KEYWORDS.has(word.toLowerCase())) {
        if (expr[after] === '(') index = skipBalanced(expr, after, '(', ')');
      } else if (!KEYWORDS.has(word.toLowerCase()) && expr[after] !== '(') {
        found.names.push(word);
      }
    } else index += 1;
  }
  return found;
}
