import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import { ValidationError } from '../errors/validation-error';
import { validateNotEmpty } from '../validation/validate-not-empty';
import { validateOneOf } from '../validation/validate-one-of';
import type { LogLevel } from './log-level';
import type { Logger } from './logger';
import { toLogRecord } from './to-log-value';

/** Options of {@link getLogger}. */
export interface LoggerOptions {
  /** The least severe level written; entries below it cost one comparison. Default `'info'`. */
  readonly level?: LogLevel;
  /** Receives each entry as one line of JSON ending in `\n`; default `process.stderr.write`. */
  readonly write?: (line: string) => void;
  /** Where the `time` field comes from; default {@link systemClock}. */
  readonly clock?: Clock;
}

const LEVEL_RANKS: Readonly<Record<LogLevel, number>> = Object.freeze({ debug: 10, info: 20, warn: 30, error: 40 });

/** The fields every entry starts with; a binding or context key with one of these names is prefixed. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['time', 'level', 'logger', 'message']);

function writeToStderr(line: string): void {
  process.stderr.write(line);
}

/** Copies `fields` into `entry`, moving a key that would overwrite a reserved field to `context.<key>`. */
function assignFields(entry: Record<string, unknown>, fields: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(fields)) {
    entry[RESERVED_KEYS.has(key) ? `context.${key}` : key] = value;
  }
}

/** What every logger of one {@link getLogger} call shares. */
interface LoggerSettings {
  readonly name: string;
  readonly minimumRank: number;
  readonly write: (line: string) => void;
  readonly clock: Clock;
}

class JsonLinesLogger implements Logger {
  readonly #settings: LoggerSettings;
  /** Already redacted and made loggable when the child was created. */
  readonly #bindings: Readonly<Record<string, unknown>>;

  constructor(settings: LoggerSettings, bindings: Readonly<Record<string, unknown>>) {
    this.#settings = settings;
    this.#bindings = bindings;
  }

  debug(message: string, context?: Record<string, unknown>): void {
    if (this.#settings.minimumRank <= LEVEL_RANKS.debug) this.#write('debug', message, context);
  }

  info(message: string, context?: Record<string, unknown>): void {
    if (this.#settings.minimumRank <= LEVEL_RANKS.info) this.#write('info', message, context);
  }

  warn(message: string, context?: Record<string, unknown>): void {
    if (this.#settings.minimumRank <= LEVEL_RANKS.warn) this.#write('warn', message, context);
  }

  error(message: string, context?: Record<string, unknown>): void {
    if (this.#settings.minimumRank <= LEVEL_RANKS.error) this.#write('error', message, context);
  }

  child(bindings: Record<string, unknown>): Logger {
    return new JsonLinesLogger(this.#settings, Object.freeze({ ...this.#bindings, ...toLogRecord(bindings) }));
  }

  #write(level: LogLevel, message: string, context: Record<string, unknown> | undefined): void {
    const { name, write, clock } = this.#settings;
    // No prototype: a field named `__proto__` stays an ordinary field.
    const entry = Object.create(null) as Record<string, unknown>;
    entry.time = clock.now().toISOString();
    entry.level = level;
    entry.logger = name;
    entry.message = typeof message === 'string' ? message : String(message);
    assignFields(entry, this.#bindings);
    if (context !== undefined) assignFields(entry, toLogRecord(context));
    write(`${JSON.stringify(entry)}\n`);
  }
}

/**
 * Returns a structured logger that writes each entry synchronously as one line of JSON: `time` (ISO 8601),
 * `level`, `logger` (the `name`), `message`, then the child bindings and the context. Values under keys
 * that look secret (password, passwd, token, secret, authorization, cookie, credit card, card number, and
 * the whole words iban and ssn; case and punctuation ignored) are written as `'[REDACTED]'` at any depth. Errors are written as
 * `{ name, message, code?, stack?, cause? }`, bigints as strings, cycles as `'[Circular]'`; logging never
 * throws because of the context. Nothing is read or written before the first entry.
 *
 * @param name - Names the component, e.g. `orchestrix.projections`.
 * @throws {@link ValidationError} when `name` is empty, `level` is not a level or `write` not a function.
 * @example
 * const logger = getLogger('billing', { level: 'debug' }).child({ tenantId: 'acme' });
 * logger.info('Invoice sent', { invoiceId: 'invoice-1', token: 'abc' }); // token is written as "[REDACTED]"
 */
export function getLogger(name: string, options: LoggerOptions = {}): Logger {
  const { level = 'info', write = writeToStderr, clock = systemClock } = options;
  validateNotEmpty(name, 'name');
  validateOneOf(level, Object.keys(LEVEL_RANKS), 'level');
  if (typeof write !== 'function') {
    throw new ValidationError('write', write, 'write must be a function that takes one line of text');
  }
  return new JsonLinesLogger({ name, minimumRank: LEVEL_RANKS[level], write, clock }, Object.freeze({}));
}
