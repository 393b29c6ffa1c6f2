/** One run of a decision on an account, as {@link AccountModule} reports it: a retry runs it again. */
export interface AccountDecision {
  /** The command being handled, e.g. `TransferMoney`. */
  readonly commandType: string;
  readonly accountId: string;
  /** 1 for the first run; 2 and more after a concurrency conflict made the repository decide again. */
  readonly attempt: number;
  /** The account's version as loaded for this run. */
  readonly version: number;
  /** The account's balance as loaded for this run. */
  readonly balance: number;
}
