import type { Message, StoredEvent } from '@orchestrix/core';

/** `true` when `message` came out of an event store: an event with its stream, version and position. */
export function isStoredEvent(message: Message): message is StoredEvent {
  return message.kind === 'event' && 'streamId' in message && 'version' in message && 'position' in message;
}
