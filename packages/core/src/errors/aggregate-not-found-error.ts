import { OrchestrixError } from './orchestrix-error';

/** `repository.load` found neither events nor a snapshot for the id. */
export class AggregateNotFoundError extends OrchestrixError {
  readonly code = 'AGGREGATE_NOT_FOUND';
  readonly aggregateType: string;
  readonly aggregateId: string;

  constructor(aggregateType: string, aggregateId: string) {
    super(`${aggregateType} "${aggregateId}" has no events: check the id, or use find() if it may not exist.`);
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
  }
}
