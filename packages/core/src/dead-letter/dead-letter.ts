import type { Message } from '../messages/message';

/** The error a dead letter records: plain data, safe to store and show. */
export interface DeadLetterError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
}

/** A message one handler (consumer) failed on after its retries: plain, frozen data. */
export interface DeadLetter {
  /** The letter's own id: one message can fail in several handlers. */
  readonly id: string;
  readonly message: Message;
  /** The handler, projection or subscription that failed: redrive delivers to it alone. */
  readonly handlerName: string;
  /** How many times delivery was attempted in all. */
  readonly attempts: number;
  readonly error: DeadLetterError;
  /** ISO 8601 UTC time of the last failure. */
  readonly failedAt: string;
}
