import { OrchestrixError } from './orchestrix-error';

/** An upcaster step is missing or threw, so an event cannot reach the newest schema version. */
export class UpcastError extends OrchestrixError {
  readonly code = 'UPCAST';
  readonly eventType: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly eventId: string | undefined;

  constructor(
    eventType: string,
    fromVersion: number,
    toVersion: number,
    problem: string,
    options: { cause?: unknown; eventId?: string } = {},
  ) {
    super(`Cannot upcast ${eventType} from schema version ${fromVersion} to ${toVersion}: ${problem}.`, options);
    this.eventType = eventType;
    this.fromVersion = fromVersion;
    this.toVersion = toVersion;
    this.eventId = options.eventId;
  }
}
