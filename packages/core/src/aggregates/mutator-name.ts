const cache = new Map<string, string>();

/**
 * The name of the method that applies an event type: `when` + the PascalCase of the type's last
 * dot-separated segment, without `-`, `_` and spaces (`order.created` → `whenCreated`,
 * `account-opened` → `whenAccountOpened`, `OrderCreated` → `whenOrderCreated`).
 */
export function mutatorName(eventType: string): string {
  let name = cache.get(eventType);
  if (name === undefined) {
    const segment = eventType.slice(eventType.lastIndexOf('.') + 1);
    const words = segment.split(/[-_\s]+/).filter((word) => word !== '');
    name = `when${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}`;
    cache.set(eventType, name);
  }
  return name;
}
