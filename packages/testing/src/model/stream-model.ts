import type { ExpectedVersion } from '@orchestrix/core';

/** An event as the model keeps it: which append wrote it, where. */
export interface ModelEvent {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
}

/** What the model says an append does. */
export type ModelOutcome =
  | { readonly kind: 'written'; readonly nextExpectedVersion: number; readonly events: readonly ModelEvent[] }
  | { readonly kind: 'retried'; readonly nextExpectedVersion: number; readonly events: readonly ModelEvent[] }
  | { readonly kind: 'concurrency'; readonly actualVersion: number }
  | { readonly kind: 'duplicate' };

/** `true` when a stream at `actualVersion` satisfies `expectedVersion`, per SPEC §4. */
export function modelMatches(expectedVersion: ExpectedVersion, actualVersion: number): boolean {
  if (expectedVersion === 'any') return true;
  if (expectedVersion === 'no_stream') return actualVersion === 0;
  if (expectedVersion === 'stream_exists') return actualVersion > 0;
  return expectedVersion === actualVersion;
}

/**
 * A plain model of SPEC §4's append rules, written independently of every store and of core's decision
 * functions: streams of event ids numbered from 1, one global order, idempotent retries, expected versions.
 */
export class StreamModel {
  readonly #streams = new Map<string, ModelEvent[]>();
  readonly #all: ModelEvent[] = [];
  readonly #byId = new Map<string, ModelEvent>();

  /** The stream's number of events; 0 when it does not exist. */
  version(streamId: string): number {
    return this.#streams.get(streamId)?.length ?? 0;
  }

  /** The stream's events in version order. */
  events(streamId: string): readonly ModelEvent[] {
    return this.#streams.get(streamId) ?? [];
  }

  /** Every event in global order. */
  all(): readonly ModelEvent[] {
    return this.#all;
  }

  /** What appending `eventIds` to `streamId` with `expectedVersion` would do now, changing nothing. */
  decide(streamId: string, eventIds: readonly string[], expectedVersion: ExpectedVersion): ModelOutcome {
    if (new Set(eventIds).size !== eventIds.length) return { kind: 'duplicate' };
    const stored = eventIds.map((id) => this.#byId.get(id)).filter((event) => event !== undefined);
    if (stored.length > 0) {
      const first = stored[0] as ModelEvent;
      const isRetry =
        stored.length === eventIds.length &&
        stored.every((event, index) => event.streamId === streamId && event.version === first.version + index);
      if (!isRetry) return { kind: 'duplicate' };
      return { kind: 'retried', nextExpectedVersion: first.version + stored.length - 1, events: stored };
    }
    const actualVersion = this.version(streamId);
    if (!modelMatches(expectedVersion, actualVersion)) return { kind: 'concurrency', actualVersion };
    const events = eventIds.map((id, index) => ({ id, streamId, version: actualVersion + index + 1 }));
    return { kind: 'written', nextExpectedVersion: actualVersion + events.length, events };
  }

  /** Like {@link StreamModel.decide}, and stores the events when the outcome is `written`. */
  append(streamId: string, eventIds: readonly string[], expectedVersion: ExpectedVersion): ModelOutcome {
    const outcome = this.decide(streamId, eventIds, expectedVersion);
    if (outcome.kind === 'written' && outcome.events.length > 0) {
      this.#streams.set(streamId, [...this.events(streamId), ...outcome.events]);
      this.#all.push(...outcome.events);
      for (const event of outcome.events) this.#byId.set(event.id, event);
    }
    return outcome;
  }

  /** An independent copy. */
  clone(): StreamModel {
    const copy = new StreamModel();
    for (const event of this.#all) copy.append(event.streamId, [event.id], 'any');
    return copy;
  }
}
