import { UpcastError } from '../errors/upcast-error';
import { ValidationError } from '../errors/validation-error';
import type { Message } from '../messages/message';
import { normalizeJson } from '../serialization/json-codec';
import type { JsonValue } from '../serialization/json-value';
import type { Upcaster } from './upcaster';

/**
 * Holds upcasters by event type and raises events read from a store to the newest registered schema
 * version, step by step. Stored rows are never rewritten.
 *
 * @example
 * const upcasters = new UpcasterRegistry();
 * upcasters.register({ type: 'OrderCreated', fromVersion: 1, toVersion: 2, upcast: (data) => ({ ...data, currency: 'EUR' }) });
 */
export class UpcasterRegistry {
  readonly #byType = new Map<string, Map<number, Upcaster>>();
  readonly #latest = new Map<string, number>();

  /**
   * Adds an upcaster. `toVersion` must be greater than `fromVersion`.
   *
   * @throws {@link ValidationError} for invalid versions or a second upcaster from the same version.
   */
  register(upcaster: Upcaster): this {
    const { type, fromVersion, toVersion } = upcaster;
    if (typeof type !== 'string' || type === '') throw new ValidationError('type', type, 'type cannot be empty');
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new ValidationError('fromVersion', fromVersion, 'fromVersion must be a positive integer');
    }
    if (!Number.isInteger(toVersion) || toVersion <= fromVersion) {
      throw new ValidationError('toVersion', toVersion, 'toVersion must be an integer greater than fromVersion');
    }
    if (typeof upcaster.upcast !== 'function') {
      throw new ValidationError('upcast', upcaster.upcast, 'upcast must be a function');
    }
    const steps = this.#byType.get(type) ?? new Map<number, Upcaster>();
    if (steps.has(fromVersion)) {
      throw new ValidationError(
        'fromVersion',
        fromVersion,
        `${type} already has an upcaster from version ${fromVersion}`,
      );
    }
    steps.set(fromVersion, upcaster);
    this.#byType.set(type, steps);
    this.#latest.set(type, Math.max(this.#latest.get(type) ?? 1, toVersion));
    return this;
  }

  /** The newest schema version registered for `type` (1 when none). */
  latestVersion(type: string): number {
    return this.#latest.get(type) ?? 1;
  }

  /** `true` when `message` is older than the newest registered version of its type. */
  needsUpcast(message: Message): boolean {
    const latest = this.#latest.get(message.type);
    return latest !== undefined && message.schemaVersion < latest;
  }

  /**
   * Returns `message` raised to the newest registered version of its type, as a new frozen message (or
   * `message` itself when nothing applies).
   *
   * @throws {@link UpcastError} naming the type and versions when a step is missing or throws.
   */
  upcast<M extends Message>(message: M): M {
    if (!this.needsUpcast(message)) return message;
    const latest = this.latestVersion(message.type);
    const steps = this.#byType.get(message.type) ?? new Map<number, Upcaster>();
    let current: M = message;
    while (current.schemaVersion < latest) {
      const step = steps.get(current.schemaVersion);
      if (step === undefined) {
        throw new UpcastError(
          message.type,
          current.schemaVersion,
          latest,
          `no upcaster from version ${current.schemaVersion}`,
          {
            eventId: message.id,
          },
        );
      }
      let data: JsonValue;
      try {
        data = normalizeJson(step.upcast(current.data as JsonValue, current as never), 'data');
      } catch (error) {
        throw new UpcastError(message.type, step.fromVersion, step.toVersion, 'the upcaster threw', {
          cause: error,
          eventId: message.id,
        });
      }
      current = Object.freeze({ ...current, data, schemaVersion: step.toVersion });
    }
    return current;
  }

  /** Upcasts every message of `messages`, copying the array only when one changes. */
  upcastAll<M extends Message>(messages: M[]): M[] {
    if (this.#latest.size === 0) return messages;
    let result: M[] | undefined;
    for (let index = 0; index < messages.length; index += 1) {
      const original = messages[index] as M;
      const raised = this.upcast(original);
      if (raised !== original) {
        result ??= messages.slice();
        result[index] = raised;
      }
    }
    return result ?? messages;
  }
}
