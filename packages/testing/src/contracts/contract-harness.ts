/**
 * How a conformance suite gets a fresh subject for each test: `create` builds one (an empty store, a bus
 * with no handlers), and `dispose`, when given, releases it after the test.
 *
 * @example
 * eventStoreContract('InMemoryEventStore', { create: () => new InMemoryEventStore() });
 */
export interface ContractHarness<T> {
  /** Builds a new, empty subject. Called before every test. */
  create(): Promise<T> | T;
  /** Releases a subject `create` built (closes pools, drops schemas). Called after every test. */
  dispose?(subject: T): Promise<void> | void;
}
