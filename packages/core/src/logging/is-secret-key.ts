/** What a normalised key contains when its value must not be logged. */
const SECRET_KEY_PARTS: readonly string[] = [
  'password',
  'passwd',
  'token',
  'secret',
  'authorization',
  'cookie',
  'creditcard',
  'cardnumber',
];

/** Short names that count only as a whole word (`ssn`, `userSsn`), so `className` is not redacted. */
const SECRET_KEY_WORDS: ReadonlySet<string> = new Set(['iban', 'ssn']);

/**
 * Returns `true` when `key` looks like it names a secret: lower-cased and stripped of everything but letters
 * and digits (`Credit_Card` becomes `creditcard`), it contains one of password, passwd, token, secret,
 * authorization, cookie, creditcard or cardnumber; or one of its words (split at camelCase and
 * punctuation) is iban or ssn.
 *
 * @internal Used by the logger's redaction; not part of the public API.
 */
export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SECRET_KEY_PARTS.some((part) => normalised.includes(part))) return true;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => SECRET_KEY_WORDS.has(word));
}
