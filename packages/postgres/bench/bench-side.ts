import { randomBytes } from 'node:crypto';

/** The local test server, unless ORCHESTRIX_TEST_DATABASE_URL names another. */
export const DATABASE_URL = process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Connections per side: the 8 concurrent writers each hold one. */
export const POOL_SIZE = 8;

const NOTE = 'Deliver to the side door; ring twice. '.repeat(4);

/** The data of one event: about 250 bytes of JSON, as in the memory bench. */
export interface ItemData {
  readonly orderId: string;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly note: string;
  readonly [key: string]: string | number;
}

/** The `index`-th event's data; each side wraps it in its own envelope. */
export function itemData(index: number): ItemData {
  return {
    orderId: 'order-0001',
    sku: `SKU-${index % 1000}`,
    name: 'Stainless steel water bottle',
    quantity: (index % 5) + 1,
    unitPrice: 19.99,
    note: NOTE,
  };
}

/** The note every bulk-loaded event carries, so stored rows have the size of appended ones. */
export const BULK_NOTE = NOTE;

/** A fresh schema name, dropped at the end of the run. */
export function benchSchemaName(side: string): string {
  return `orx_bench_${side}_${randomBytes(4).toString('hex')}`;
}

/** One page of the global feed: how many events it held and the position to read after next. */
export interface FeedPage {
  readonly count: number;
  readonly lastPosition: bigint;
}

/**
 * One event store under test, each in its own schema with its own pool of {@link POOL_SIZE} connections.
 * Every method does the whole job a caller would: events are made (ids, timestamps, encoding) inside
 * `append`, and decoded into event objects inside `load` and `readPage`.
 */
export interface BenchSide {
  readonly name: string;
  /** The schema it lives in. */
  readonly schema: string;
  /** Appends `count` new events to `streamId`, which must be at exactly `expectedVersion`. */
  append(streamId: string, count: number, expectedVersion: number): Promise<void>;
  /** Loads a whole stream and returns how many events it holds. */
  load(streamId: string): Promise<number>;
  /** Reads `limit` events of the global feed after `after`. */
  readPage(after: bigint, limit: number): Promise<FeedPage>;
  /** Stores `eventCount` events of 100-event streams straight in SQL, in transactions of 10,000 events. */
  bulkLoad(eventCount: number): Promise<void>;
  /** How many events the schema holds: every side must end with the same count. */
  countEvents(): Promise<number>;
  /** Ends the pool and drops the schema. */
  dispose(): Promise<void>;
}
