import type { AddressInfo } from 'node:net';
import { type BuildAppOptions, buildApp } from '../../src/build-app';

/** A parsed JSON response body; tests read its fields with `toMatchObject` or `String(...)`. */
export type JsonBody = Record<string, unknown>;

/** One HTTP response, its body parsed as JSON. */
export interface ShopReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: JsonBody;
}

/** What {@link ShopClient.send} sends: a JSON body, or raw text with its content type. */
export interface SendOptions {
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
}

/** Talks to a listening shop over real HTTP, with the global fetch. */
export class ShopClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** Sends `method path` and parses the JSON answer. */
  async send(method: string, path: string, options: SendOptions = {}): Promise<ShopReply> {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.text !== undefined) {
      body = options.text;
    }
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as JsonBody };
  }

  /** `POST path` with a JSON body, or none. */
  post(path: string, json?: unknown): Promise<ShopReply> {
    return this.send('POST', path, json === undefined ? {} : { json });
  }

  /** `GET path`. */
  get(path: string): Promise<ShopReply> {
    return this.send('GET', path);
  }

  /** Places an order of two keyboards at 29.99 (total 59.98) for `customerId`; fails unless 201. */
  async placeOrder(customerId: string): Promise<{ readonly orderId: string; readonly position: string }> {
    const reply = await this.post('/orders', {
      customerId,
      items: [{ productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 }],
    });
    if (reply.status !== 201) throw new Error(`POST /orders answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return { orderId: String(reply.body.orderId), position: String(reply.body.position) };
  }
}

/** A shop listening on 127.0.0.1 at a free port, and the client that talks to it. */
export interface RunningShop {
  readonly client: ShopClient;
  close(): Promise<void>;
}

/** Builds the shop with `options` and listens on 127.0.0.1, port 0. */
export async function startShop(options: BuildAppOptions = {}): Promise<RunningShop> {
  const { app, close } = await buildApp(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { client: new ShopClient(`http://127.0.0.1:${port}`), close };
}
