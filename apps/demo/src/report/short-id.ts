/**
 * Shortens a UUID for a terminal: its first 4 and last 6 hex digits (`0197…c3d9a1`). The same id always
 * gives the same text, so shortened ids stay matchable across lines.
 *
 * @example shortId('0197a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b') // '0197…4f5a6b'
 */
export function shortId(id: string | undefined): string {
  if (id === undefined) return '-';
  return id.length <= 12 ? id : `${id.slice(0, 4)}…${id.slice(-6)}`;
}
