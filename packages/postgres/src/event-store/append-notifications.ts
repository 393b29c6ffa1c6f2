import type { AppendListener, Logger } from '@orchestrix/core';
import pg from 'pg';

/** The `application_name` of the LISTEN connection, so operators (and tests) can find its backend. */
export const LISTEN_APPLICATION_NAME = 'orchestrix-listen';

const FIRST_RECONNECT_DELAY_MS = 100;
const MAX_RECONNECT_DELAY_MS = 5000;

/**
 * The position handed to listeners: a NOTIFY carries no payload (it is only a hint), so the position of
 * the append is unknown and readers read the feed from their own checkpoint.
 */
const UNKNOWN_POSITION = 0n;

/**
 * Wakes `onAppend` listeners through `LISTEN/NOTIFY`: opens one dedicated pg client (not from the pool)
 * when the first listener subscribes, reconnects with a growing delay when that connection fails or ends,
 * and ends it when the last listener unsubscribes or the store closes. A reconnect also wakes listeners,
 * since appends may have committed while nothing listened.
 *
 * @internal Not part of the public API.
 */
export class AppendNotifications {
  readonly #clientConfig: pg.ClientConfig;
  readonly #channel: string;
  readonly #logger: Logger;
  readonly #listeners = new Set<AppendListener>();
  #client: pg.Client | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
  #closed = false;

  constructor(clientConfig: pg.ClientConfig, channel: string, logger: Logger) {
    // keepAlive: a silently dropped connection must end in an error, not wait forever.
    this.#clientConfig = { ...clientConfig, application_name: LISTEN_APPLICATION_NAME, keepAlive: true };
    this.#channel = channel;
    this.#logger = logger;
  }

  /** Adds `listener`, connecting on the first one; returns the function that removes it. */
  subscribe(listener: AppendListener): () => void {
    // A distinct wrapper per call, so subscribing the same function twice needs two unsubscribes.
    const entry: AppendListener = (position) => listener(position);
    if (this.#closed) return () => undefined;
    this.#listeners.add(entry);
    if (this.#client === undefined && this.#reconnectTimer === undefined) this.#connect();
    return () => {
      this.#listeners.delete(entry);
      if (this.#listeners.size === 0) this.#disconnect();
    };
  }

  /** Ends the LISTEN connection for good; later subscriptions are never called. */
  close(): void {
    this.#closed = true;
    this.#listeners.clear();
    this.#disconnect();
  }

  #connect(): void {
    const client = new pg.Client(this.#clientConfig);
    this.#client = client;
    const lost = (error?: Error): void => {
      if (this.#client !== client) return;
      this.#client = undefined;
      client.removeAllListeners('notification');
      // Ending a client that already failed may reject; nothing is left to clean up then.
      client.end().catch(() => undefined);
      this.#scheduleReconnect(error);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.#notify());
    const listen = async (): Promise<void> => {
      await client.connect();
      // LISTEN has no kysely builder; the channel is a validated identifier.
      await client.query(`listen "${this.#channel}"`);
    };
    listen().then(
      () => {
        if (this.#client !== client) return;
        const wasReconnect = this.#reconnectDelayMs !== FIRST_RECONNECT_DELAY_MS;
        this.#reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
        if (wasReconnect) this.#notify();
      },
      (error: unknown) => lost(error instanceof Error ? error : new Error(String(error))),
    );
  }

  #scheduleReconnect(error: Error | undefined): void {
    if (this.#closed || this.#listeners.size === 0 || this.#reconnectTimer !== undefined) return;
    const delayMs = this.#reconnectDelayMs;
    this.#logger.warn('The LISTEN connection for append notifications was lost; reconnecting', {
      channel: this.#channel,
      delayMs,
      ...(error === undefined ? {} : { error: error.message }),
    });
    this.#reconnectDelayMs = Math.min(delayMs * 2, MAX_RECONNECT_DELAY_MS);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (!this.#closed && this.#listeners.size > 0) this.#connect();
    }, delayMs);
    this.#reconnectTimer.unref();
  }

  #disconnect(): void {
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
    const client = this.#client;
    this.#client = undefined;
    if (client === undefined) return;
    client.removeAllListeners('notification');
    // The client may never have connected; ending it then rejects, which changes nothing.
    client.end().catch(() => undefined);
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(UNKNOWN_POSITION);
      } catch (error) {
        this.#logger.warn('An onAppend listener threw; ignored', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
