import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../clock/clock';
import { ValidationError } from '../errors/validation-error';
import type { LoggerOptions } from './get-logger';
import { getLogger } from './get-logger';

const NOW = new Date('2024-05-01T12:00:00.000Z');

const fixedClock: Clock = {
  now: () => new Date(NOW),
  sleep: async () => undefined,
  timeoutSignal: () => new AbortController().signal,
};

/** A logger whose lines are collected, parsed, in `entries`. */
function recordingLogger(name: string, options: Omit<LoggerOptions, 'write' | 'clock'> = {}) {
  const lines: string[] = [];
  const logger = getLogger(name, { ...options, clock: fixedClock, write: (line) => lines.push(line) });
  const entries = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('getLogger', () => {
  it('writes one JSON object per line with time, level, logger and message first', () => {
    const { logger, lines } = recordingLogger('billing');

    logger.info('Invoice sent', { invoiceId: 'invoice-1' });

    expect(lines).toEqual([
      '{"time":"2024-05-01T12:00:00.000Z","level":"info","logger":"billing","message":"Invoice sent","invoiceId":"invoice-1"}\n',
    ]);
  });

  it('writes every level at or above the configured one', () => {
    const { logger, entries } = recordingLogger('billing', { level: 'debug' });

    logger.debug('one');
    logger.info('two');
    logger.warn('three');
    logger.error('four');

    expect(entries().map((entry) => entry.level)).toEqual(['debug', 'info', 'warn', 'error']);
  });

  it('writes nothing below the configured level and does not read the context', () => {
    const { logger, lines } = recordingLogger('billing', { level: 'warn' });
    const context = {
      get expensive(): string {
        throw new Error('the context was read');
      },
    };

    logger.debug('hidden', context);
    logger.info('hidden', context);

    expect(lines).toEqual([]);
  });

  it('writes at info and above by default', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.debug('hidden');
    logger.info('shown');

    expect(entries().map((entry) => entry.message)).toEqual(['shown']);
  });

  it('redacts secret-looking keys at any depth, whatever their case and punctuation', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.info('Request', {
      password: 'hunter2',
      headers: { Authorization: 'Bearer abc', 'Set-Cookie': 'session=1', accept: 'json' },
      payment: { credit_card: '4111', CardNumber: '4111', IBAN: 'DE89', amount: 10 },
      users: [{ name: 'Ada', ssn: '123-45-6789', apiToken: 'xyz', client_secret: 's', passwd: 'p' }],
    });

    expect(entries()[0]).toMatchObject({
      password: '[REDACTED]',
      headers: { Authorization: '[REDACTED]', 'Set-Cookie': '[REDACTED]', accept: 'json' },
      payment: { credit_card: '[REDACTED]', CardNumber: '[REDACTED]', IBAN: '[REDACTED]', amount: 10 },
      users: [
        { name: 'Ada', ssn: '[REDACTED]', apiToken: '[REDACTED]', client_secret: '[REDACTED]', passwd: '[REDACTED]' },
      ],
    });
    expect(JSON.stringify(entries())).not.toMatch(/hunter2|Bearer|4111|DE89|6789|xyz/);
  });

  it('redacts a whole value under a secret key, even an object', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.info('Connecting', { secrets: { host: 'db', user: 'app' } });

    expect(entries()[0]?.secrets).toBe('[REDACTED]');
  });

  it('redacts secret keys of maps', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.info('Headers', { headers: new Map([['authorization', 'Bearer abc']]) });

    expect(entries()[0]?.headers).toEqual({ authorization: '[REDACTED]' });
  });

  it('writes errors as name, message, code and stack', () => {
    const { logger, entries } = recordingLogger('billing');
    const error = new ValidationError('orderId', '', 'orderId cannot be empty');

    logger.error('Rejected', { error });

    expect(entries()[0]?.error).toEqual({
      name: 'ValidationError',
      message: 'orderId cannot be empty',
      code: 'VALIDATION',
      stack: error.stack,
    });
  });

  it('writes the cause of an error', () => {
    const { logger, entries } = recordingLogger('billing');
    const error = new Error('publish failed', { cause: new TypeError('bad handler') });

    logger.error('Failed', { error });

    expect(entries()[0]?.error).toMatchObject({ cause: { name: 'TypeError', message: 'bad handler' } });
  });

  it('writes bigints as strings and cycles as [Circular] without throwing', () => {
    const { logger, entries } = recordingLogger('billing');
    const order: Record<string, unknown> = { id: 'order-1', position: 12345678901234567890n };
    order.self = order;
    const shared = { id: 'shared' };

    logger.info('Loaded', { order, pair: [shared, shared] });

    expect(entries()[0]).toMatchObject({
      order: { id: 'order-1', position: '12345678901234567890', self: '[Circular]' },
      pair: [{ id: 'shared' }, { id: 'shared' }],
    });
  });

  it('writes dates as ISO strings', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.info('Scheduled', { at: new Date('2024-01-02T03:04:05.000Z') });

    expect(entries()[0]?.at).toBe('2024-01-02T03:04:05.000Z');
  });

  it('still writes the entry when reading the context throws', () => {
    const { logger, entries } = recordingLogger('billing');
    const context = {
      get broken(): string {
        throw new Error('no access');
      },
    };

    logger.warn('Odd', context);

    expect(entries()[0]).toMatchObject({ message: 'Odd', logError: expect.stringContaining('no access') });
  });

  it('adds child bindings to every entry, after the core fields and before the context', () => {
    const { logger, lines } = recordingLogger('billing');

    logger.child({ tenantId: 'acme' }).child({ sagaId: 'saga-1' }).info('Step done', { stepName: 'payment' });

    expect(lines[0]).toBe(
      '{"time":"2024-05-01T12:00:00.000Z","level":"info","logger":"billing","message":"Step done","tenantId":"acme","sagaId":"saga-1","stepName":"payment"}\n',
    );
  });

  it('redacts secret child bindings', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.child({ accessToken: 'abc' }).info('Called');

    expect(entries()[0]?.accessToken).toBe('[REDACTED]');
  });

  it('keeps the level of the parent in a child', () => {
    const { logger, lines } = recordingLogger('billing', { level: 'error' });

    logger.child({ tenantId: 'acme' }).warn('hidden');

    expect(lines).toEqual([]);
  });

  it('never lets the context overwrite the core fields', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.info('Real', { message: 'fake', level: 'error' });

    expect(entries()[0]).toMatchObject({
      message: 'Real',
      level: 'info',
      'context.message': 'fake',
      'context.level': 'error',
    });
  });

  it('keeps a __proto__ key as an ordinary field', () => {
    const { logger, entries } = recordingLogger('billing');

    logger.info('Odd', JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);

    expect(Object.hasOwn(entries()[0] ?? {}, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes to stderr by default', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    getLogger('billing').info('To stderr');

    expect(write).toHaveBeenCalledWith(expect.stringContaining('"message":"To stderr"'));
    write.mockRestore();
  });

  it('rejects an unknown level, an empty name and a write that is not a function', () => {
    const level = JSON.parse('"verbose"') as 'info';
    const write = JSON.parse('"stdout"') as () => void;

    expect(() => getLogger('billing', { level })).toThrowError(expect.objectContaining({ field: 'level' }));
    expect(() => getLogger(' ')).toThrowError(expect.objectContaining({ field: 'name' }));
    expect(() => getLogger('billing', { write })).toThrowError(ValidationError);
  });
});
