/**
 * Returns the length of a string in characters (Unicode code points, as PostgreSQL counts them) or of an
 * array in items, or `undefined` for any other value.
 *
 * @internal Shared by the length helpers; not part of the public API.
 */
export function lengthOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (typeof value !== 'string') return undefined;
  let length = 0;
  for (const _character of value) length += 1;
  return length;
}

/**
 * Names a length in the unit of `value`: `1 character`, `3 characters`, `2 items`.
 *
 * @internal Shared by the length helpers; not part of the public API.
 */
export function describeLength(value: string | readonly unknown[], length: number): string {
  const unit = typeof value === 'string' ? 'character' : 'item';
  return `${length} ${unit}${length === 1 ? '' : 's'}`;
}
