import { defineEvent, payload } from '@orchestrix/core';

/** The order left the warehouse: it is SHIPPED and can no longer be cancelled. */
export const OrderShipped = defineEvent('OrderShipped', payload<{ orderId: string }>());
