import { OutOfStockError } from './out-of-stock-error';

/** A warehouse that reserves stock once per idempotency key, and refuses what it does not have. */
export class FakeWarehouse {
  readonly #stock: Map<string, number>;
  readonly #reservations = new Map<string, { readonly sku: string; readonly quantity: number }>();

  constructor(stock: Readonly<Record<string, number>>) {
    this.#stock = new Map(Object.entries(stock));
  }

  /**
   * Reserves `quantity` of `sku` once per `idempotencyKey`; returns the reservation's id.
   *
   * @throws {@link OutOfStockError} when fewer than `quantity` are left.
   */
  reserve(idempotencyKey: string, sku: string, quantity: number): string {
    if (!this.#reservations.has(idempotencyKey)) {
      const available = this.#stock.get(sku) ?? 0;
      if (available < quantity) throw new OutOfStockError(sku, quantity, available);
      this.#stock.set(sku, available - quantity);
      this.#reservations.set(idempotencyKey, { sku, quantity });
    }
    return `reservation-${idempotencyKey}`;
  }

  /** Releases the reservation made with `idempotencyKey`, once; releasing none does nothing. */
  release(idempotencyKey: string): void {
    const reservation = this.#reservations.get(idempotencyKey);
    if (reservation === undefined) return;
    this.#reservations.delete(idempotencyKey);
    this.#stock.set(reservation.sku, (this.#stock.get(reservation.sku) ?? 0) + reservation.quantity);
  }
}
