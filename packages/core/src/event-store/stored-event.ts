import type { Event } from '../messages/message';
import type { StoredEvent } from './event-store';

/**
 * Builds the frozen stored form of `event`: its envelope's own fields (nothing else of the caller's
 * object) plus its stream, version and position. Stores call it, so every store hands out the same shape.
 */
export function storedEventOf(event: Event, streamId: string, version: number, position: bigint): StoredEvent {
  const stored: Record<string, unknown> = {
    kind: 'event',
    type: event.type,
    data: event.data,
    id: event.id,
    specversion: '1.0',
    source: event.source,
    timestamp: event.timestamp,
    schemaVersion: event.schemaVersion,
    streamId,
    version,
    position,
  };
  if (event.subject !== undefined) stored.subject = event.subject;
  if (event.datacontenttype !== undefined) stored.datacontenttype = event.datacontenttype;
  if (event.dataschema !== undefined) stored.dataschema = event.dataschema;
  if (event.correlationId !== undefined) stored.correlationId = event.correlationId;
  if (event.causationId !== undefined) stored.causationId = event.causationId;
  if (event.traceId !== undefined) stored.traceId = event.traceId;
  if (event.traceparent !== undefined) stored.traceparent = event.traceparent;
  return Object.freeze(stored) as unknown as StoredEvent;
}
