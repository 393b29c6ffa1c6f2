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
  'iban',
  'ssn',
];

/**
 * Returns `true` when `key` looks like it names a secret: lower-cased and stripped of everything but letters
 * and digits (`Credit_Card` becomes `creditcard`), it contains one of password, passwd, token, secret,
 * authorization, cookie, creditcard, cardnumber, iban or ssn.
 *
 * @internal Used by the logger's redaction; not part of the public API.
 */
export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_PARTS.some((part) => normalised.includes(part));
}
