/** Whether a message asks for something (`command`) or reports a fact (`event`). */
export type MessageKind = 'command' | 'event';

/** A frozen plain object shaped like a CloudEvents 1.0 event; see SPEC §2. */
export interface Message<K extends MessageKind = MessageKind, T extends string = string, D = unknown> {
  readonly kind: K;
  /** The message type name, e.g. `OrderCreated`. */
  readonly type: T;
  /** The domain payload, JSON data (§9), deeply frozen. */
  readonly data: D;
  /** Unique per message: a time-ordered UUID v7 unless given. */
  readonly id: string;
  readonly specversion: '1.0';
  /** Where the message comes from; `orchestrix` unless given. */
  readonly source: string;
  /** ISO 8601 UTC with millisecond precision. */
  readonly timestamp: string;
  readonly subject?: string;
  readonly datacontenttype?: string;
  readonly dataschema?: string;
  /** The id shared by every message of one business flow. */
  readonly correlationId?: string;
  /** The id of the message whose handling created this one. */
  readonly causationId?: string;
  /** W3C trace id, 32 lowercase hex digits. */
  readonly traceId?: string;
  /** W3C traceparent of the span that created the message (the parent of its handlers' spans). */
  readonly traceparent?: string;
  /** The payload's schema version, 1 by default; upcasters raise old versions on read. */
  readonly schemaVersion: number;
}

/** A message that asks one handler to do something. */
export type Command<T extends string = string, D = unknown> = Message<'command', T, D>;

/** A message that reports a fact; zero or more handlers react to it. */
export type Event<T extends string = string, D = unknown> = Message<'event', T, D>;

/** Metadata a factory call may set explicitly; anything left out is generated or inherited. */
export interface MessageMetadata {
  readonly id?: string;
  readonly timestamp?: string | Date;
  readonly source?: string;
  readonly subject?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceId?: string;
  readonly traceparent?: string;
  readonly datacontenttype?: string;
  readonly dataschema?: string;
}

/** The optional text fields of a message's envelope, in one list every store and codec path shares. */
export const OPTIONAL_MESSAGE_FIELDS = [
  'subject',
  'datacontenttype',
  'dataschema',
  'correlationId',
  'causationId',
  'traceId',
  'traceparent',
] as const satisfies readonly (keyof Message)[];
