/** `url` with its password replaced by `***`, safe to print; a URL that does not parse is hidden whole. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a connection URL that does not parse)';
  }
}

function passwordsOf(url: string): string[] {
  try {
    const { password } = new URL(url);
    return password === '' ? [] : [...new Set([password, decodeURIComponent(password)])];
  } catch {
    return [];
  }
}

/** `text` with `url` shown redacted and its password, raw or percent-decoded, replaced by `***`. */
export function redactSecrets(text: string, url: string | undefined): string {
  if (url === undefined || url === '') return text;
  let redacted = text.split(url).join(redactUrl(url));
  for (const password of passwordsOf(url)) redacted = redacted.split(password).join('***');
  return redacted;
}
