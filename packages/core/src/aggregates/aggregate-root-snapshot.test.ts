import { afterEach, describe, expect, it } from 'vitest';
import { defineEvent, type MessageOf, payload } from '../messages/define-message';
import { normalizeJson } from '../serialization/json-codec';
import type { JsonValue } from '../serialization/json-value';
import { AggregateRoot } from './aggregate-root';

const CartOpened = defineEvent('CartOpened', payload<{ cartId: string }>());
const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string; quantity: number }>());

class Cart extends AggregateRoot {
  status = 'empty';
  items: { sku: string; quantity: number }[] = [];
  totals = { quantity: 0 };

  open(cartId: string): void {
    this.applyEvent(CartOpened({ cartId }));
  }

  add(sku: string, quantity: number): void {
    this.applyEvent(ItemAdded({ sku, quantity }));
  }

  protected whenCartOpened(event: MessageOf<typeof CartOpened>): void {
    this.aggregateId = event.data.cartId;
    this.status = 'open';
  }

  protected whenItemAdded(event: MessageOf<typeof ItemAdded>): void {
    this.items.push({ sku: event.data.sku, quantity: event.data.quantity });
    this.totals.quantity += event.data.quantity;
  }
}

function filledCart(): Cart {
  const cart = new Cart();
  cart.open('cart-1');
  cart.add('apple', 2);
  return cart;
}

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('AggregateRoot.toSnapshot', () => {
  it('returns the own enumerable state of the aggregate', () => {
    const cart = filledCart();

    const state = cart.toSnapshot();

    expect(state).toEqual({
      aggregateId: 'cart-1',
      status: 'open',
      items: [{ sku: 'apple', quantity: 2 }],
      totals: { quantity: 2 },
    });
  });

  it('leaves out the version and the uncommitted events', () => {
    const cart = filledCart();

    const state = cart.toSnapshot() as Record<string, unknown>;

    expect(Object.keys(state)).not.toContain('version');
    expect(Object.keys(state)).not.toContain('uncommittedEvents');
  });
});

describe('AggregateRoot.restoreSnapshot', () => {
  it('sets back the state a snapshot holds', () => {
    const state = normalizeJson(filledCart().toSnapshot(), 'state');
    const restored = new Cart();

    restored.restoreSnapshot(state);

    expect(restored.toSnapshot()).toEqual(state);
  });

  it('gives the aggregate mutable copies of frozen stored state', () => {
    const state = normalizeJson(filledCart().toSnapshot(), 'state');
    const restored = new Cart();
    restored.restoreSnapshot(state);

    restored.add('pear', 1);

    expect(restored.items).toEqual([
      { sku: 'apple', quantity: 2 },
      { sku: 'pear', quantity: 1 },
    ]);
    expect(restored.totals.quantity).toBe(3);
  });

  it('leaves the stored state untouched when the aggregate changes afterwards', () => {
    const state = normalizeJson(filledCart().toSnapshot(), 'state');
    const restored = new Cart();
    restored.restoreSnapshot(state);

    restored.add('pear', 1);

    expect(state).toEqual({
      aggregateId: 'cart-1',
      status: 'open',
      items: [{ sku: 'apple', quantity: 2 }],
      totals: { quantity: 2 },
    });
  });

  it('does not change the version', () => {
    const restored = new Cart();

    restored.restoreSnapshot(normalizeJson(filledCart().toSnapshot()));

    expect(restored.version).toBe(0);
  });

  it.each([null, 'state', 42, ['a']])('ignores a state that is not an object: %o', (state) => {
    const cart = filledCart();

    cart.restoreSnapshot(state as JsonValue);

    expect(cart.status).toBe('open');
  });

  it('never assigns a __proto__ key to the aggregate', () => {
    const state = JSON.parse('{"__proto__": {"polluted": true}, "status": "restored"}') as JsonValue;
    const restored = new Cart();

    restored.restoreSnapshot(state);

    expect(Object.getPrototypeOf(restored)).toBe(Cart.prototype);
    expect((restored as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never assigns constructor or prototype keys to the aggregate', () => {
    const state = normalizeJson({ constructor: { polluted: true }, prototype: { polluted: true } });
    const restored = new Cart();

    restored.restoreSnapshot(state);

    expect(restored.constructor).toBe(Cart);
    expect(Object.hasOwn(restored, 'constructor')).toBe(false);
    expect(Object.hasOwn(restored, 'prototype')).toBe(false);
  });

  it('still restores the other keys of a state that holds unsafe keys', () => {
    const state = JSON.parse('{"__proto__": {}, "constructor": 1, "status": "restored"}') as JsonValue;
    const restored = new Cart();

    restored.restoreSnapshot(state);

    expect(restored.status).toBe('restored');
  });
});
