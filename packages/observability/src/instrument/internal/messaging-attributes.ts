import type { Message, SpanAttributes } from '@orchestrix/core';

/**
 * The OpenTelemetry messaging attributes of a bus span about `message` (ids may go in spans, never in
 * metric labels).
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function messagingAttributes(
  message: Message,
  operation: 'send' | 'process',
  extra: SpanAttributes = {},
): SpanAttributes {
  return {
    'messaging.system': 'orchestrix',
    'messaging.operation.type': operation,
    'messaging.destination.name': message.type,
    'messaging.message.id': message.id,
    ...(message.correlationId === undefined ? {} : { 'messaging.message.conversation_id': message.correlationId }),
    'orchestrix.message.kind': message.kind,
    'orchestrix.message.type': message.type,
    ...extra,
  };
}
