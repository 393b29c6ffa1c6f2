import type { SpanOptions } from '@orchestrix/core';

/** A span's name and options. */
interface SpecSpan {
  readonly name: string;
  readonly options: SpanOptions;
}

// OpenTelemetry messaging semantic conventions, copied rather than imported from the unstable
// `@opentelemetry/semantic-conventions/incubating` entry, as its README asks of libraries.
const MESSAGING_SYSTEM = 'messaging.system';
const MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
const MESSAGING_OPERATION_NAME = 'messaging.operation.name';
const MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
const MESSAGING_MESSAGE_ID = 'messaging.message.id';

/**
 * The spans SPEC §10 names, with OpenTelemetry messaging attributes: `messaging.system` is `orchestrix`, a
 * command or event is processed (`messaging.operation.type` `process`) from the destination named by its
 * type, as the bus routes by type; the aggregate and saga ids are `orchestrix.*` attributes.
 *
 * @internal Used by {@link JaegerTracer}; not part of the public API.
 */
export const SPEC_SPANS = Object.freeze({
  command(type: string, aggregateId: string): SpecSpan {
    return {
      name: `handle_command:${type}`,
      options: {
        kind: 'consumer',
        attributes: {
          [MESSAGING_SYSTEM]: 'orchestrix',
          [MESSAGING_OPERATION_TYPE]: 'process',
          [MESSAGING_OPERATION_NAME]: 'handle_command',
          [MESSAGING_DESTINATION_NAME]: type,
          'orchestrix.message.kind': 'command',
          'orchestrix.message.type': type,
          'orchestrix.aggregate.id': aggregateId,
        },
      },
    };
  },

  event(type: string, eventId: string, aggregateId: string | undefined): SpecSpan {
    return {
      name: `process_event:${type}`,
      options: {
        kind: 'consumer',
        attributes: {
          [MESSAGING_SYSTEM]: 'orchestrix',
          [MESSAGING_OPERATION_TYPE]: 'process',
          [MESSAGING_OPERATION_NAME]: 'process_event',
          [MESSAGING_DESTINATION_NAME]: type,
          [MESSAGING_MESSAGE_ID]: eventId,
          'orchestrix.message.kind': 'event',
          'orchestrix.message.type': type,
          ...(aggregateId === undefined ? {} : { 'orchestrix.aggregate.id': aggregateId }),
        },
      },
    };
  },

  saga(type: string, sagaId: string): SpecSpan {
    return {
      name: `execute_saga:${type}`,
      options: { kind: 'internal', attributes: { 'orchestrix.saga.type': type, 'orchestrix.saga.id': sagaId } },
    };
  },
});
