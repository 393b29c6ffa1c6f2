/**
 * The idempotency key of a saga's step, `${sagaId}:${stepName}`: the same on every attempt, after a
 * resume, and for the step's compensation. Steps receive it as `context.idempotencyKey`; pass it to the
 * system a step calls, so a repeated call is recognised there.
 *
 * @example
 * sagaIdempotencyKey('0190a7c2-…', 'payment'); // '0190a7c2-…:payment'
 */
export function sagaIdempotencyKey(sagaId: string, stepName: string): string {
  return `${sagaId}:${stepName}`;
}
