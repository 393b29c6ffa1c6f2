import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { defineReactor } from './define-reactor';
import type { ReactorEventHandler } from './reactor';

describe('defineReactor', () => {
  it('returns a frozen projection with no retry and no dead letters unless given', () => {
    const reactor = defineReactor({ name: 'mails', handlers: { OrderPlaced: () => undefined } });

    expect(Object.isFrozen(reactor)).toBe(true);
    expect(reactor.retry.maxRetries).toBe(0);
    expect(reactor.deadLetter).toBe(false);
  });

  it('rejects an unsafe name with ValidationError', () => {
    expect(() => defineReactor({ name: 'confirmation-mails', handlers: {} })).toThrow(ValidationError);
  });

  it('rejects missing handlers and a handler that is not a function with ValidationError', () => {
    const notAFunction = 'send' as unknown as ReactorEventHandler;

    expect(() => defineReactor({ name: 'mails' } as Parameters<typeof defineReactor>[0])).toThrow(ValidationError);
    expect(() => defineReactor({ name: 'mails', handlers: { OrderPlaced: notAFunction } })).toThrow(ValidationError);
  });
});
