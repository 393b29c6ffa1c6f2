import type { MetricsSummary } from './metrics/read-metrics-summary';

/** What the demo did, as the store holds it: the `DEMO-SUMMARY {json}` line at the end of the output. */
export interface DemoSummary {
  readonly orders: readonly {
    readonly id: string;
    /** The stream's version in the store: how many events the order has. */
    readonly version: number;
    readonly status: string;
    /** The distinct correlation ids of the order's stored events: one per business flow. */
    readonly correlationIds: readonly string[];
  }[];
  readonly accounts: readonly { readonly id: string; readonly version: number; readonly balance: number }[];
  /** How many times the racing transfer's withdrawal was decided (2 = one retry after a conflict). */
  readonly transferAttempts: number;
  readonly overdraftErrorCode: string;
  readonly refusedCancelCode: string;
  readonly deadLettersAfterRetries: number;
  readonly deadLettersAfterRedrive: number;
  readonly redrive: { readonly succeeded: number; readonly failed: number };
  /** The order sagas, as the saga state store holds them: one `completed`, one `compensated`. */
  readonly sagas: readonly { readonly sagaId: string; readonly status: string }[];
  /** All events in the store, both flows together. */
  readonly eventCount: number;
  /** What the metrics registry counted, as printed in the last section. */
  readonly metrics: MetricsSummary;
}

/** The prefix of the summary line; the rest of the line is the summary as JSON. */
export const SUMMARY_PREFIX = 'DEMO-SUMMARY ';
