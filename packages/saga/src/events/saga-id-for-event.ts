/**
 * The id of the saga an event starts: `${sagaType}:${eventId}`, the same for every delivery of the event,
 * so a duplicate delivery finds the saga it started. {@link startSagaOn} uses it unless told otherwise.
 *
 * @example
 * sagaIdForEvent('OrderSaga', event.id); // 'OrderSaga:0190a7c2-…'
 */
export function sagaIdForEvent(sagaType: string, eventId: string): string {
  return `${sagaType}:${eventId}`;
}
