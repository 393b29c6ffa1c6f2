import { OrchestrixError } from './orchestrix-error';

/** A value cannot round-trip through JSON (§9). `path` names where, e.g. `data.items[3].price`. */
export class SerializationError extends OrchestrixError {
  readonly code = 'SERIALIZATION';
  readonly path: string;

  constructor(path: string, problem: string, options: { cause?: unknown } = {}) {
    super(
      `${path} ${problem}: store only JSON data (strings, finite numbers, booleans, null, arrays, plain objects).`,
      options,
    );
    this.path = path;
  }
}
