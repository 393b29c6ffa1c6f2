import { OrchestrixError } from './orchestrix-error';

/** A second handler was subscribed to a command type: commands have exactly one handler. */
export class DuplicateHandlerError extends OrchestrixError {
  readonly code = 'DUPLICATE_HANDLER';
  readonly messageType: string;
  readonly handlerName: string;

  constructor(messageType: string, handlerName: string) {
    super(
      `Command ${messageType} already has a handler, so ${handlerName} cannot subscribe: a command has exactly one handler; unsubscribe the other first.`,
    );
    this.messageType = messageType;
    this.handlerName = handlerName;
  }
}
