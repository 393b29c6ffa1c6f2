/**
 * A proxy that behaves as `target` except for the members in `overrides`: every other member is read from
 * `target` (methods bound to it, so `#private` fields keep working), `in`, `instanceof` and property
 * writes reach `target`, and an override is only given for a member `target` has.
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function delegatingProxy<T extends object>(target: T, overrides: Readonly<Record<string, unknown>>): T {
  const bound = new WeakMap<object, unknown>();
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property) && property in object) {
        return overrides[property];
      }
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function' || property === 'constructor') return value;
      let method = bound.get(value);
      if (method === undefined) {
        method = value.bind(object);
        bound.set(value, method);
      }
      return method;
    },
    set(object, property, value) {
      return Reflect.set(object, property, value, object);
    },
  });
}
