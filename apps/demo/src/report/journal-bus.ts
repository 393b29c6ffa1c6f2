import type {
  Message,
  MessageBus,
  MessageFactory,
  MessageHandler,
  SubscribedMessage,
  SubscribeOptions,
} from '@orchestrix/core';
import { formatMessageLine } from './format-message-line';
import { shortId } from './short-id';

/**
 * A {@link MessageBus} that writes one line per message before handing it to the bus it wraps: every
 * command sent and every event published (the repository publishes events as stored, with stream,
 * version and position), in the order they happen, so causation chains read top to bottom.
 *
 * @example
 * const bus = new JournalBus(new InMemoryMessageBus(), (line) => console.log(line));
 */
export class JournalBus implements MessageBus {
  readonly #inner: MessageBus;
  readonly #write: (line: string) => void;
  readonly #published: Message[] = [];

  constructor(inner: MessageBus, write: (line: string) => void) {
    this.#inner = inner;
    this.#write = write;
  }

  /** Every message published through this bus so far, in order. */
  get published(): readonly Message[] {
    return this.#published;
  }

  /** Subscribes on the wrapped bus. */
  subscribe<F extends MessageFactory | string>(
    type: F,
    handler: MessageHandler<SubscribedMessage<F>>,
    options?: SubscribeOptions,
  ): () => void {
    return this.#inner.subscribe(type, handler, options);
  }

  /** Writes the message's line, then publishes it on the wrapped bus. */
  async publish(message: Message): Promise<void> {
    this.#published.push(message);
    this.#write(formatMessageLine(message));
    await this.#inner.publish(message);
  }

  /** Writes that `message` is redelivered to `handlerName` alone, then delivers it on the wrapped bus. */
  async deliverTo(handlerName: string, message: Message): Promise<void> {
    this.#write(`  redeliver ${message.type} id=${shortId(message.id)} to ${handlerName} alone`);
    await this.#inner.deliverTo(handlerName, message);
  }
}
