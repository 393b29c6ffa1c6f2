import { defineEvent, payload } from '@orchestrix/core';

/** The order's items were reserved in the warehouse: it is INVENTORY_RESERVED. */
export const InventoryReserved = defineEvent('InventoryReserved', payload<{ orderId: string }>());
