import { defineEvent, payload } from '@orchestrix/core';

/** `amount` was taken out of an account; `reference` says why (`transfer transfer-1 to bob`). */
export const MoneyWithdrawn = defineEvent(
  'MoneyWithdrawn',
  payload<{ accountId: string; amount: number; reference: string }>(),
);
