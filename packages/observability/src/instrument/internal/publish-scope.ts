import { AsyncLocalStorage } from 'node:async_hooks';
import type { Message } from '@orchestrix/core';

/** The message an instrumented bus is publishing, and the traceparent of its `publish:<type>` span. */
interface PublishScope {
  readonly messageId: string;
  readonly traceparent: string;
}

const storage = new AsyncLocalStorage<PublishScope>();

/**
 * Runs `work` (the wrapped bus's publish) remembering the publish span of `message`, for a message that
 * carries no traceparent: its handlers in this process still become children of that span.
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function runInPublishScope<T>(message: Message, traceparent: string, work: () => T): T {
  return storage.run({ messageId: message.id, traceparent }, work);
}

/**
 * The traceparent of the publish span of `message`, when a handler of it runs inside that publish.
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function publishSpanOf(message: Message): string | undefined {
  const scope = storage.getStore();
  return scope !== undefined && scope.messageId === message.id ? scope.traceparent : undefined;
}
