import { describe, expect, it } from 'vitest';
import { mutatorName } from './mutator-name';

describe('mutatorName', () => {
  it.each([
    ['OrderCreated', 'whenOrderCreated'],
    ['order.created', 'whenCreated'],
    ['shop.orders.v2.OrderCreated', 'whenOrderCreated'],
    ['account-opened', 'whenAccountOpened'],
    ['snake_case_name', 'whenSnakeCaseName'],
    ['funds deposited', 'whenFundsDeposited'],
    ['billing.invoice-paid', 'whenInvoicePaid'],
    ['order--created__twice  spaced', 'whenOrderCreatedTwiceSpaced'],
    ['orderCreated', 'whenOrderCreated'],
  ])('names the mutator of %s %s', (eventType, expected) => {
    const name = mutatorName(eventType);

    expect(name).toBe(expected);
  });

  it('returns the same name when asked twice', () => {
    const first = mutatorName('account-opened');

    const second = mutatorName('account-opened');

    expect(second).toBe(first);
  });
});
