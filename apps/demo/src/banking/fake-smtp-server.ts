import { SmtpTimeoutError } from './smtp-timeout-error';

/** A mail the demo "sends". */
export interface Mail {
  readonly to: string;
  readonly subject: string;
}

/**
 * An SMTP server in memory that the demo can take down and repair: while it is down, every `send`
 * fails with {@link SmtpTimeoutError}, at once (no real waiting).
 *
 * @example
 * const smtp = new FakeSmtpServer();
 * smtp.goDown();
 * await smtp.send({ to: 'bob@example.test', subject: 'Receipt' }); // rejects with SmtpTimeoutError
 */
export class FakeSmtpServer {
  static readonly HOST = 'smtp.example.test';
  static readonly TIMEOUT_MS = 10_000;

  readonly #sent: Mail[] = [];
  #isDown = false;
  #timeouts = 0;

  /** Mails delivered so far, oldest first. */
  get sent(): readonly Mail[] {
    return this.#sent;
  }

  /** How many sends have timed out so far. */
  get timeouts(): number {
    return this.#timeouts;
  }

  /** From now on every send times out, until {@link FakeSmtpServer.repair}. */
  goDown(): void {
    this.#isDown = true;
  }

  /** Sends succeed again. */
  repair(): void {
    this.#isDown = false;
  }

  /**
   * Delivers `mail`.
   *
   * @throws {@link SmtpTimeoutError} while the server is down.
   */
  async send(mail: Mail): Promise<void> {
    if (this.#isDown) {
      this.#timeouts += 1;
      throw new SmtpTimeoutError(FakeSmtpServer.HOST, FakeSmtpServer.TIMEOUT_MS);
    }
    this.#sent.push(Object.freeze({ ...mail }));
  }
}
