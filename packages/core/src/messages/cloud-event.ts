import { ValidationError } from '../errors/validation-error';
import { normalizeJson } from '../serialization/json-codec';
import type { JsonValue } from '../serialization/json-value';
import type { Message, MessageKind } from './message';

/** A message in the CloudEvents 1.0 JSON format, with Orchestrix's extension attributes. */
export interface CloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time: string;
  /** Absent means `application/json`. */
  readonly datacontenttype?: string;
  readonly data: JsonValue;
  readonly subject?: string;
  readonly dataschema?: string;
  readonly correlationid?: string;
  readonly causationid?: string;
  readonly traceid?: string;
  readonly traceparent?: string;
  readonly schemaversion: number;
  readonly orchestrixkind: MessageKind;
}

/** Converts a message to the CloudEvents 1.0 JSON format (`JSON.stringify` the result to send it). */
export function toCloudEvent(message: Message): CloudEvent {
  const event: Record<string, unknown> = {
    specversion: '1.0',
    id: message.id,
    source: message.source,
    type: message.type,
    time: message.timestamp,
    data: normalizeJson(message.data),
    schemaversion: message.schemaVersion,
    orchestrixkind: message.kind,
  };
  const optional: [string, string | undefined][] = [
    ['subject', message.subject],
    ['datacontenttype', message.datacontenttype],
    ['dataschema', message.dataschema],
    ['correlationid', message.correlationId],
    ['causationid', message.causationId],
    ['traceid', message.traceId],
    ['traceparent', message.traceparent],
  ];
  for (const [key, value] of optional) if (value !== undefined) event[key] = value;
  return Object.freeze(event) as unknown as CloudEvent;
}

function requireString(source: Record<string, unknown>, field: string): string {
  const value = source[field];
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(field, value, `${field} must be a non-empty string in a CloudEvent`);
  }
  return value;
}

function optionalString(source: Record<string, unknown>, field: string): string | undefined {
  const value = source[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(field, value, `${field} must be a string in a CloudEvent`);
  return value;
}

/**
 * Reads a message from CloudEvents 1.0 JSON (text or parsed). `orchestrixkind` defaults to `event`,
 * `schemaversion` to 1.
 *
 * @throws {@link ValidationError} naming the attribute that is missing or malformed.
 */
export function fromCloudEvent(json: string | CloudEvent | Readonly<Record<string, unknown>>): Message {
  let source: Record<string, unknown>;
  if (typeof json === 'string') {
    try {
      source = JSON.parse(json) as Record<string, unknown>;
    } catch (error) {
      throw new ValidationError('json', json, 'json must be CloudEvents JSON text', { cause: error });
    }
  } else {
    source = json as unknown as Record<string, unknown>;
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new ValidationError('json', json, 'json must be a CloudEvents object');
  }
  if (source.specversion !== '1.0') {
    throw new ValidationError('specversion', source.specversion, 'specversion must be 1.0');
  }
  const kind = source.orchestrixkind ?? 'event';
  if (kind !== 'event' && kind !== 'command') {
    throw new ValidationError('orchestrixkind', kind, 'orchestrixkind must be one of: command, event');
  }
  const schemaVersion = Number(source.schemaversion ?? 1);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new ValidationError('schemaversion', source.schemaversion, 'schemaversion must be a positive integer');
  }
  const time = requireString(source, 'time');
  if (Number.isNaN(Date.parse(time))) throw new ValidationError('time', time, 'time must be an RFC 3339 timestamp');
  const message: Record<string, unknown> = {
    kind,
    type: requireString(source, 'type'),
    data: normalizeJson(source.data === undefined ? {} : source.data, 'data'),
    id: requireString(source, 'id'),
    specversion: '1.0',
    source: requireString(source, 'source'),
    timestamp: new Date(time).toISOString(),
    schemaVersion,
  };
  const optional: [string, string][] = [
    ['subject', 'subject'],
    ['datacontenttype', 'datacontenttype'],
    ['dataschema', 'dataschema'],
    ['correlationId', 'correlationid'],
    ['causationId', 'causationid'],
    ['traceId', 'traceid'],
    ['traceparent', 'traceparent'],
  ];
  for (const [key, attribute] of optional) {
    const value = optionalString(source, attribute);
    if (value !== undefined) message[key] = value;
  }
  return Object.freeze(message) as unknown as Message;
}
