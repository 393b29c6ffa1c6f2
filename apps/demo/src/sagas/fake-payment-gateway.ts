/**
 * A payment provider that recognises a repeated call by its idempotency key, as real ones (Stripe's
 * `Idempotency-Key`) do: charging or refunding twice with one key moves the money once.
 */
export class FakePaymentGateway {
  readonly #charges = new Map<string, number>();
  readonly #refunds = new Set<string>();

  /** Charges `amount` once per `idempotencyKey`; returns the payment's id. */
  charge(idempotencyKey: string, amount: number): string {
    if (!this.#charges.has(idempotencyKey)) this.#charges.set(idempotencyKey, amount);
    return `payment-${idempotencyKey}`;
  }

  /** Refunds the charge made with `idempotencyKey`, once; a refund of no charge does nothing. */
  refund(idempotencyKey: string): void {
    if (this.#charges.has(idempotencyKey)) this.#refunds.add(idempotencyKey);
  }

  /** The money charged and not refunded. */
  balance(): number {
    let total = 0;
    for (const [key, amount] of this.#charges) if (!this.#refunds.has(key)) total += amount;
    return total;
  }
}
