import type { Message, RedriveTarget } from '@orchestrix/core';

/** The error a {@link RecordingRedriveTarget} throws for the handlers it was told fail. */
export class StillFailingError extends Error {
  constructor(handlerName: string) {
    super(`${handlerName} still fails`);
    this.name = 'StillFailingError';
  }
}

/** One delivery a {@link RecordingRedriveTarget} received. */
export interface RecordedDelivery {
  readonly handlerName: string;
  readonly messageId: string;
}

/** A redrive target that records each delivery and fails for the handler names it is given. */
export class RecordingRedriveTarget implements RedriveTarget {
  readonly deliveries: RecordedDelivery[] = [];
  readonly #failingHandlers: ReadonlySet<string>;

  constructor(failingHandlers: readonly string[] = []) {
    this.#failingHandlers = new Set(failingHandlers);
  }

  async deliverTo(handlerName: string, message: Message): Promise<void> {
    this.deliveries.push({ handlerName, messageId: message.id });
    if (this.#failingHandlers.has(handlerName)) throw new StillFailingError(handlerName);
  }
}
