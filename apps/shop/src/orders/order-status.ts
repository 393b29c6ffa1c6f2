/** Where an order is in its life: PENDING → PAID → SHIPPED, or CANCELLED while PENDING or PAID. */
export type OrderStatus = 'PENDING' | 'PAID' | 'SHIPPED' | 'CANCELLED';
