import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server (Redis, here): a test cuts every connection through it and refuses new ones,
 * as an outage or a network partition would, then lets connections through again, without touching the server
 * that other test files share.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private open = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy!.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  /** `redis://` URL of the proxy. */
  get redisUrl(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Drops every connection at once and refuses new ones until `restore`. */
  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.open = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (!this.open) {
      client.destroy();
      return;
    }
    spliceSockets(client, connect(target.port, target.host), this.sockets);
  }
}

/**
 * Pipes two sockets into each other, each tracked in `sockets` while open; an error or close on either side
 * closes the other.
 */
export function spliceSockets(client: Socket, upstream: Socket, sockets: Set<Socket>): void {
  for (const [a, b] of [
    [client, upstream],
    [upstream, client],
  ]) {
    sockets.add(a);
    a.pipe(b);
    a.on('error', () => b.destroy());
    a.on('close', () => {
      sockets.delete(a);
      b.destroy();
    });
  }
}
