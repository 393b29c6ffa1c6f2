import type { SagaStepContext } from '@orchestrix/saga';

/** One call of a step's action or compensation, as the step saw it. */
export interface StepCall {
  readonly stepName: string;
  readonly phase: 'action' | 'compensation';
  readonly attempt: number;
  readonly idempotencyKey: string;
  readonly sagaId: string;
}

/** Records every call of the steps a test builds with {@link recordedStep}, in order. */
export class StepRecorder {
  readonly calls: StepCall[] = [];

  /** Records a call. */
  record(phase: StepCall['phase'], context: SagaStepContext<unknown>): void {
    const { stepName, attempt, idempotencyKey, sagaId } = context;
    this.calls.push({ stepName, phase, attempt, idempotencyKey, sagaId });
  }

  /** The step names of the action calls, in order. */
  actions(): string[] {
    return this.calls.filter((call) => call.phase === 'action').map((call) => call.stepName);
  }

  /** The step names of the compensation calls, in order. */
  compensations(): string[] {
    return this.calls.filter((call) => call.phase === 'compensation').map((call) => call.stepName);
  }

  /** The calls of one step's action or compensation. */
  of(stepName: string, phase: StepCall['phase'] = 'action'): StepCall[] {
    return this.calls.filter((call) => call.stepName === stepName && call.phase === phase);
  }
}
