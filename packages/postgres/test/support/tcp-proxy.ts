import net from 'node:net';

/** A TCP proxy in front of PostgreSQL that a test can turn into a server that accepts and never answers. */
export interface TcpProxy {
  readonly port: number;
  /** Drops every open connection and, from now on, accepts connections without ever answering. */
  blackhole(): void;
  /** Drops every open connection and, from now on, closes new ones at once, as a database that went away. */
  refuse(): void;
  /** Forwards new connections to the target again. */
  forward(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 to `target`; `forwarding: false` starts it as a server that never answers. */
export async function startTcpProxy(
  target: { readonly host: string; readonly port: number },
  forwarding = true,
): Promise<TcpProxy> {
  let mode: 'forward' | 'blackhole' | 'refuse' = forwarding ? 'forward' : 'blackhole';
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'refuse') client.destroy();
    if (mode !== 'forward') return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    blackhole() {
      mode = 'blackhole';
      for (const socket of sockets) socket.destroy();
    },
    refuse() {
      mode = 'refuse';
      for (const socket of sockets) socket.destroy();
    },
    forward() {
      mode = 'forward';
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
