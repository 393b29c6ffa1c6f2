import { defineEvent, payload } from '@orchestrix/core';

/** An account was opened for `owner` with `openingBalance` in it. */
export const AccountOpened = defineEvent(
  'AccountOpened',
  payload<{ accountId: string; owner: string; openingBalance: number }>(),
);
