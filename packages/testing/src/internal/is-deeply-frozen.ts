/** `true` when `value` and everything reachable from its own properties is frozen. */
export function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return Reflect.ownKeys(value).every((key) => isDeeplyFrozen((value as Record<PropertyKey, unknown>)[key]));
}
