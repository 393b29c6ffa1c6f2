import { OrchestrixError } from '@orchestrix/core';

/** The warehouse holds fewer items of a SKU than an order asks for. Nothing was reserved. */
export class OutOfStockError extends OrchestrixError {
  readonly code = 'OUT_OF_STOCK';
  readonly sku: string;
  readonly requested: number;
  /** What the warehouse held when it refused. */
  readonly available: number;

  constructor(sku: string, requested: number, available: number) {
    super(`SKU "${sku}" has ${available} in stock, fewer than the ${requested} requested: order at most the stock.`);
    this.sku = sku;
    this.requested = requested;
    this.available = available;
  }
}
