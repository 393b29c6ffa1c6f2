import { defineEvent, payload } from '@orchestrix/core';

/** `amount` was paid into an account; `reference` says why (`salary`, `transfer transfer-1 from alice`). */
export const MoneyDeposited = defineEvent(
  'MoneyDeposited',
  payload<{ accountId: string; amount: number; reference: string }>(),
);
