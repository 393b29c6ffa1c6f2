import { OrchestrixError } from './orchestrix-error';

/** A command was published but nothing subscribed to its type. */
export class NoHandlerError extends OrchestrixError {
  readonly code = 'NO_HANDLER';
  readonly messageType: string;

  constructor(messageType: string) {
    super(`No handler is subscribed to command ${messageType}: subscribe one before publishing it.`);
    this.messageType = messageType;
  }
}
