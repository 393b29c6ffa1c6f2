/**
 * Where an order is in its life: PENDING → PAID → INVENTORY_RESERVED → CONFIRMED, or CANCELLED from
 * any state before CONFIRMED.
 */
export type OrderStatus = 'PENDING' | 'PAID' | 'INVENTORY_RESERVED' | 'CONFIRMED' | 'CANCELLED';
