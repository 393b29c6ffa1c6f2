import type { Message } from '@orchestrix/core';
import { isStoredEvent } from './is-stored-event';
import { shortId } from './short-id';

const TYPE_WIDTH = 18;
const TARGET_WIDTH = 12;

/** What a command is about, read from its data: an order, an account, or a transfer's two accounts. */
function targetOf(message: Message): string {
  const data = (typeof message.data === 'object' && message.data !== null ? message.data : {}) as Record<
    string,
    unknown
  >;
  const { orderId, accountId, fromAccountId, toAccountId } = data;
  if (typeof orderId === 'string') return orderId;
  if (typeof accountId === 'string') return accountId;
  if (typeof fromAccountId === 'string' && typeof toAccountId === 'string') return `${fromAccountId}>${toAccountId}`;
  return '-';
}

/**
 * One line per message, columns aligned:
 * `  event   OrderPlaced        order-1001   v1  @3   id=… corr=… cause=…` for a stored event and
 * `  command PayOrder           order-1001            id=… corr=… cause=…` for a command. `corr` is the
 * correlation id the message carries, or its own id when it starts a flow (as its handlers will use).
 */
export function formatMessageLine(message: Message, indent = '  '): string {
  const ids = `id=${shortId(message.id)} corr=${shortId(message.correlationId ?? message.id)} cause=${shortId(message.causationId)}`;
  if (isStoredEvent(message)) {
    const place = `v${message.version}`.padEnd(4) + `@${message.position}`.padEnd(5);
    return `${indent}event   ${message.type.padEnd(TYPE_WIDTH)} ${message.streamId.padEnd(TARGET_WIDTH)} ${place} ${ids}`;
  }
  const target = targetOf(message).padEnd(TARGET_WIDTH);
  return `${indent}${message.kind.padEnd(7)} ${message.type.padEnd(TYPE_WIDTH)} ${target} ${''.padEnd(9)} ${ids}`;
}
