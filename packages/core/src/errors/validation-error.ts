import { OrchestrixError } from './orchestrix-error';

/** One problem found in the input, as reported by a validation helper or a Standard Schema. */
export interface ValidationIssue {
  readonly field: string;
  readonly message: string;
}

/** Input was rejected before anything was created or written. `field` names the offending input. */
export class ValidationError extends OrchestrixError {
  readonly code = 'VALIDATION';
  /** The path of the offending input, e.g. `orderId` or `items.3.price`. */
  readonly field: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** Every problem found; the first one is `field`. */
  readonly issues: readonly ValidationIssue[];

  constructor(
    field: string,
    value: unknown,
    message: string,
    options: { cause?: unknown; issues?: readonly ValidationIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.field = field;
    this.value = value;
    this.issues = Object.freeze([...(options.issues ?? [{ field, message }])]);
  }
}
