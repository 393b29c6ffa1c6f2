import { type AppendResult, defineEvent, type Event, type ExpectedVersion, payload } from '@orchestrix/core';
import fc from 'fast-check';

/** The streams the model test appends to: few, so concurrent appends collide. */
export const MODEL_STREAMS = ['stream-a', 'stream-b', 'stream-c'] as const;

/** The event type the model test appends. */
const ModelAppended = defineEvent('ModelAppended', payload<{ round: number; append: number; index: number }>());

/** How an append chooses its expected version, relative to the stream's version when its round starts. */
export type ExpectedChoice = 'any' | 'omitted' | 'no_stream' | 'stream_exists' | 'current' | 'stale' | 'ahead';

/** A generated append: new events, or the exact events of an earlier append sent again. */
export type PlannedAppend =
  | { readonly kind: 'fresh'; readonly stream: number; readonly eventCount: number; readonly expected: ExpectedChoice }
  | {
      readonly kind: 'resend';
      readonly source: number;
      readonly sameStream: boolean;
      readonly expected: ExpectedChoice;
    };

/** One append ready to run: its stream, events and concrete expected version (`undefined`: omitted). */
export interface ResolvedAppend {
  readonly label: string;
  readonly streamId: string;
  readonly events: readonly Event[];
  readonly expectedVersion: ExpectedVersion | undefined;
  /** For a re-sent append, the append whose events it sends again. */
  readonly source?: ResolvedAppend;
}

/** How one append ran: when it started and settled (on a shared tick counter), and its outcome. */
export interface AppendRun {
  readonly append: ResolvedAppend;
  startTick: number;
  endTick: number;
  result?: AppendResult;
  error?: unknown;
}

const expectedChoice = fc.constantFrom<ExpectedChoice>(
  'any',
  'omitted',
  'no_stream',
  'stream_exists',
  'current',
  'current',
  'stale',
  'ahead',
);

const plannedAppend: fc.Arbitrary<PlannedAppend> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('fresh' as const),
      stream: fc.nat({ max: MODEL_STREAMS.length - 1 }),
      eventCount: fc.integer({ min: 1, max: 3 }),
      expected: expectedChoice,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resend' as const),
      source: fc.nat(),
      sameStream: fc.boolean(),
      expected: expectedChoice,
    }),
  },
);

/**
 * One round of concurrent appends. With `burst`, the scheduler starts them all in one turn of the event
 * loop (in its chosen order), so they overlap as much as they can; otherwise it starts one at a time,
 * letting a few promise continuations run in between.
 */
export interface PlannedRound {
  readonly burst: boolean;
  readonly appends: readonly PlannedAppend[];
}

/** Rounds of concurrent appends: 1 to 3 rounds of 1 to 6 appends. */
export const plannedRounds: fc.Arbitrary<PlannedRound[]> = fc.array(
  fc.record({ burst: fc.boolean(), appends: fc.array(plannedAppend, { minLength: 1, maxLength: 6 }) }),
  { minLength: 1, maxLength: 3 },
);

function resolveExpected(choice: ExpectedChoice, version: number): ExpectedVersion | undefined {
  switch (choice) {
    case 'omitted':
      return undefined;
    case 'current':
      return version;
    case 'stale':
      return version > 0 ? version - 1 : version + 1;
    case 'ahead':
      return version + 2;
    default:
      return choice;
  }
}

/**
 * Turns one round's plan into appends, given each stream's version at the round's start and the fresh
 * appends of earlier rounds not re-sent yet (a re-sent one is removed from `resendable`).
 */
export function resolveRound(
  round: number,
  plan: readonly PlannedAppend[],
  versionOf: (streamId: string) => number,
  resendable: ResolvedAppend[],
): ResolvedAppend[] {
  return plan.map((planned, index) => {
    if (planned.kind === 'resend' && resendable.length > 0) {
      const [source] = resendable.splice(planned.source % resendable.length, 1) as [ResolvedAppend];
      const sourceStream = MODEL_STREAMS.indexOf(source.streamId as (typeof MODEL_STREAMS)[number]);
      const streamId = planned.sameStream
        ? source.streamId
        : (MODEL_STREAMS[(sourceStream + 1) % MODEL_STREAMS.length] ?? source.streamId);
      const expectedVersion = resolveExpected(planned.expected, versionOf(streamId));
      const label = `round ${round} #${index}: resend of "${source.label}" to ${streamId}, expected ${String(expectedVersion)}`;
      return { label, streamId, events: source.events, expectedVersion, source };
    }
    const fresh = planned.kind === 'fresh' ? planned : { stream: 0, eventCount: 1, expected: planned.expected };
    const streamId = MODEL_STREAMS[fresh.stream] ?? 'stream-a';
    const expectedVersion = resolveExpected(fresh.expected, versionOf(streamId));
    const events = Array.from({ length: fresh.eventCount }, (_, eventIndex) =>
      ModelAppended({ round, append: index, index: eventIndex }),
    );
    const label = `round ${round} #${index}: ${events.length} event(s) to ${streamId}, expected ${String(expectedVersion)}`;
    return { label, streamId, events, expectedVersion };
  });
}
