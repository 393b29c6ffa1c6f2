import { OrchestrixError } from './orchestrix-error';

/** How one compensation ended when a saga failed. */
export interface CompensationOutcome {
  readonly stepName: string;
  readonly status: 'compensated' | 'compensation_failed';
  readonly error?: unknown;
}

/** A saga step failed or timed out; `compensations` says how undoing the earlier steps went. */
export class SagaError extends OrchestrixError {
  readonly code = 'SAGA';
  readonly sagaId: string;
  readonly sagaType: string;
  readonly stepName: string;
  readonly compensations: readonly CompensationOutcome[];

  constructor(
    sagaType: string,
    sagaId: string,
    stepName: string,
    compensations: readonly CompensationOutcome[],
    options: { cause?: unknown } = {},
  ) {
    const failed = compensations.filter((outcome) => outcome.status === 'compensation_failed');
    super(
      failed.length === 0
        ? `Saga ${sagaType} "${sagaId}" failed at step "${stepName}"; the earlier steps were compensated.`
        : `Saga ${sagaType} "${sagaId}" failed at step "${stepName}" and ${failed.length} compensation(s) failed: it needs a person.`,
      options,
    );
    this.sagaId = sagaId;
    this.sagaType = sagaType;
    this.stepName = stepName;
    this.compensations = Object.freeze([...compensations]);
  }
}
