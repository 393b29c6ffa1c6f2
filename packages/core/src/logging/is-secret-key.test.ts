import { describe, expect, it } from 'vitest';
import { isSecretKey } from './is-secret-key';

describe('isSecretKey', () => {
  it.each([
    'password',
    'dbPassword',
    'PASSWD',
    'token',
    'refresh_token',
    'clientSecret',
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'creditCard',
    'credit_card',
    'Credit-Card',
    'cardNumber',
    'card_number',
    'IBAN',
    'ssn',
    'customerSsn',
    'payer_iban',
  ])('treats %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['orderId', 'amount', 'message', 'streamId', 'author', 'className', 'classname', 'libAnimation'])(
    'treats %s as safe',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );
});
