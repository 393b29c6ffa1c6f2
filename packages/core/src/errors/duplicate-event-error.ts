import { OrchestrixError } from './orchestrix-error';

/** An event id is already stored somewhere this append cannot be a retry of. Nothing was written. */
export class DuplicateEventError extends OrchestrixError {
  readonly code = 'DUPLICATE_EVENT';
  readonly streamId: string;
  readonly eventId: string;

  constructor(streamId: string, eventId: string) {
    super(
      `Event ${eventId} appended to "${streamId}" is already stored elsewhere or out of order: give each new event a new id; retry an append only with exactly the same events.`,
    );
    this.streamId = streamId;
    this.eventId = eventId;
  }
}
