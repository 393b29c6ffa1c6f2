import { OrchestrixError } from './orchestrix-error';

/** A command was published with no handler, or a delivery named a handler that is not subscribed. */
export class NoHandlerError extends OrchestrixError {
  readonly code = 'NO_HANDLER';
  readonly messageType: string;
  /** The handler a targeted delivery (`deliverTo`, redrive) asked for, if any. */
  readonly handlerName: string | undefined;

  constructor(messageType: string, handlerName?: string) {
    super(
      handlerName === undefined
        ? `No handler is subscribed to command ${messageType}: subscribe one before publishing it.`
        : `No handler named "${handlerName}" is subscribed to ${messageType}: subscribe it again before redriving.`,
    );
    this.messageType = messageType;
    this.handlerName = handlerName;
  }
}
