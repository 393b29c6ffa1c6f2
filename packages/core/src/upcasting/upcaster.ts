import type { Event } from '../messages/message';
import type { JsonValue } from '../serialization/json-value';

/** Raises one event type's data from one schema version to the next. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Returns the data in the `toVersion` shape; the input is frozen, so build a new object. */
  upcast(data: JsonValue, event: Event): unknown;
}
