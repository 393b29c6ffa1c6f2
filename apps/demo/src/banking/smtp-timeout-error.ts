/** The (fake) SMTP server did not answer in time: a transient fault of a system outside Orchestrix. */
export class SmtpTimeoutError extends Error {
  readonly code = 'SMTP_TIMEOUT';

  constructor(host: string, timeoutMs: number) {
    super(`SMTP server ${host} did not answer within ${timeoutMs} ms`);
    this.name = 'SmtpTimeoutError';
  }
}
