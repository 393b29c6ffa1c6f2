import type { StandardSchemaV1 } from '@standard-schema/spec';
import { OrchestrixError } from '../errors/orchestrix-error';
import { ValidationError, type ValidationIssue } from '../errors/validation-error';
import { normalizeJson } from '../serialization/json-codec';
import type { Message, MessageKind, MessageMetadata } from './message';
import { currentMessageContext } from './message-context';
import { currentTimestamp, normalizeTimestamp } from './timestamp';
import { uuidv7 } from './uuid-v7';

/** Defaults for every message a factory makes. */
export interface MessageDefaults {
  /** The `source` attribute; `orchestrix` unless given. */
  readonly source?: string;
  /** The payload's schema version; 1 unless given. */
  readonly schemaVersion?: number;
}

/** A typed message factory: call it to make a message, read `type`, test with `is`. */
export interface MessageFactory<
  K extends MessageKind = MessageKind,
  T extends string = string,
  I = never,
  D = unknown,
> {
  (input: I, metadata?: MessageMetadata): Message<K, T, D>;
  readonly kind: K;
  readonly type: T;
  readonly schemaVersion: number;
  /** `true` when `message` is a message of this factory's kind and type. */
  is(message: unknown): message is Message<K, T, D>;
}

/** The message type a factory makes: `type OrderCreated = MessageOf<typeof OrderCreated>`. */
export type MessageOf<F> = F extends MessageFactory<infer K, infer T, never, infer D> ? Message<K, T, D> : never;

/** Data of a message that carries none. */
export type EmptyData = Readonly<Record<string, never>>;

/** Validates and returns a message's data; throws `ValidationError` on bad input. */
export type Prepare<I, D> = (input: I) => D;

/** The second argument of `defineCommand`/`defineEvent`: a prepare function or a Standard Schema. */
export type MessageDataDefinition<I, D> = Prepare<I, D> | StandardSchemaV1<I, D>;

/**
 * Declares the data type of a message without validating it.
 *
 * @example const OrderCreated = defineEvent('OrderCreated', payload<{ orderId: string }>());
 */
export function payload<D>(): Prepare<D, D> {
  return (input) => input;
}

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return typeof value === 'object' && value !== null && '~standard' in value;
}

function issuePath(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

function valueAt(input: unknown, path: string): unknown {
  if (path === '') return input;
  let current: unknown = input;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function validateWithSchema(type: string, schema: StandardSchemaV1, input: unknown): unknown {
  const result = schema['~standard'].validate(input);
  if (result instanceof Promise) {
    throw new ValidationError(
      'schema',
      type,
      `The schema of ${type} validates asynchronously, but message factories are synchronous: use a synchronous schema.`,
    );
  }
  if (result.issues === undefined) return result.value;
  const issues: ValidationIssue[] = result.issues.map((issue) => ({ field: issuePath(issue), message: issue.message }));
  const first = issues[0] ?? { field: '', message: 'is invalid' };
  const label = first.field === '' ? type : first.field;
  throw new ValidationError(first.field, valueAt(input, first.field), `${label}: ${first.message}`, { issues });
}

function prepareData(type: string, definition: unknown, input: unknown): unknown {
  if (definition === undefined) return input ?? {};
  if (isStandardSchema(definition)) return validateWithSchema(type, definition, input);
  try {
    return (definition as (value: unknown) => unknown)(input);
  } catch (error) {
    if (error instanceof OrchestrixError) throw error;
    const text = error instanceof Error ? error.message : String(error);
    throw new ValidationError('', input, `${type} rejected its input: ${text}`, { cause: error });
  }
}

const NO_METADATA: MessageMetadata = Object.freeze({});

function validateDefaults(type: string, defaults: MessageDefaults): number {
  if (typeof type !== 'string' || type.trim() === '') {
    throw new ValidationError('type', type, 'type cannot be empty');
  }
  const schemaVersion = defaults.schemaVersion ?? 1;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new ValidationError('schemaVersion', schemaVersion, 'schemaVersion must be a positive integer');
  }
  return schemaVersion;
}

function defineMessage(
  kind: MessageKind,
  type: string,
  definition: unknown,
  defaults: MessageDefaults,
): MessageFactory<MessageKind, string, unknown, unknown> {
  const schemaVersion = validateDefaults(type, defaults);
  const defaultSource = defaults.source ?? 'orchestrix';
  const factory = (input: unknown, metadata: MessageMetadata = NO_METADATA): Message => {
    const data = normalizeJson(prepareData(type, definition, input), 'data');
    const context = currentMessageContext();
    const message: Record<string, unknown> = {
      kind,
      type,
      data,
      id: metadata.id ?? uuidv7(),
      specversion: '1.0',
      source: metadata.source ?? defaultSource,
      timestamp: metadata.timestamp === undefined ? currentTimestamp() : normalizeTimestamp(metadata.timestamp),
      schemaVersion,
    };
    if (metadata.subject !== undefined) message.subject = metadata.subject;
    if (metadata.datacontenttype !== undefined) message.datacontenttype = metadata.datacontenttype;
    if (metadata.dataschema !== undefined) message.dataschema = metadata.dataschema;
    const correlationId = metadata.correlationId ?? context?.correlationId;
    if (correlationId !== undefined) message.correlationId = correlationId;
    const causationId = metadata.causationId ?? context?.causationId;
    if (causationId !== undefined) message.causationId = causationId;
    const traceId = metadata.traceId ?? context?.traceId;
    if (traceId !== undefined) message.traceId = traceId;
    const traceparent = metadata.traceparent ?? context?.traceparent;
    if (traceparent !== undefined) message.traceparent = traceparent;
    return Object.freeze(message) as unknown as Message;
  };
  const is = (message: unknown): boolean =>
    typeof message === 'object' &&
    message !== null &&
    (message as Message).type === type &&
    (message as Message).kind === kind;
  return Object.assign(factory, { kind, type, schemaVersion, is }) as MessageFactory<
    MessageKind,
    string,
    unknown,
    unknown
  >;
}

/**
 * Defines a command type and returns its typed factory. The second argument validates the input: a
 * prepare function that returns the data, or a Standard Schema (zod, valibot, arktype).
 *
 * @throws {@link ValidationError} from the factory, before any message exists, when the input is invalid.
 * @example const CreateOrder = defineCommand('CreateOrder', payload<{ orderId: string }>());
 */
export function defineCommand<T extends string>(
  type: T,
  definition?: undefined,
  defaults?: MessageDefaults,
  // biome-ignore lint/suspicious/noConfusingVoidType: void lets a factory of a message without data be called with no argument.
): MessageFactory<'command', T, EmptyData | undefined | void, EmptyData>;
export function defineCommand<T extends string, S extends StandardSchemaV1>(
  type: T,
  definition: S,
  defaults?: MessageDefaults,
): MessageFactory<'command', T, StandardSchemaV1.InferInput<S>, StandardSchemaV1.InferOutput<S>>;
export function defineCommand<T extends string, I, D>(
  type: T,
  definition: Prepare<I, D>,
  defaults?: MessageDefaults,
): MessageFactory<'command', T, I, D>;
export function defineCommand(
  type: string,
  definition?: unknown,
  defaults: MessageDefaults = {},
): MessageFactory<'command', string, never, unknown> {
  return defineMessage('command', type, definition, defaults) as MessageFactory<'command', string, never, unknown>;
}

/**
 * Defines an event type and returns its typed factory; see {@link defineCommand}.
 *
 * @example const OrderCreated = defineEvent('OrderCreated', payload<{ orderId: string; totalAmount: number }>());
 */
export function defineEvent<T extends string>(
  type: T,
  definition?: undefined,
  defaults?: MessageDefaults,
  // biome-ignore lint/suspicious/noConfusingVoidType: void lets a factory of a message without data be called with no argument.
): MessageFactory<'event', T, EmptyData | undefined | void, EmptyData>;
export function defineEvent<T extends string, S extends StandardSchemaV1>(
  type: T,
  definition: S,
  defaults?: MessageDefaults,
): MessageFactory<'event', T, StandardSchemaV1.InferInput<S>, StandardSchemaV1.InferOutput<S>>;
export function defineEvent<T extends string, I, D>(
  type: T,
  definition: Prepare<I, D>,
  defaults?: MessageDefaults,
): MessageFactory<'event', T, I, D>;
export function defineEvent(
  type: string,
  definition?: unknown,
  defaults: MessageDefaults = {},
): MessageFactory<'event', string, never, unknown> {
  return defineMessage('event', type, definition, defaults) as MessageFactory<'event', string, never, unknown>;
}
