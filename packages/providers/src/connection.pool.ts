import { Client } from 'undici';

export interface Connection {
  readonly client: Client;
  /** Requests taken on it and not yet released. */
  active: number;
}

/**
 * At most `size` keep-alive connections to one origin, each normally carrying one request at a time; the most
 * recently freed connection is handed out first, so the ones left over age out through the keep-alive timeout.
 *
 * Not undici's Pool: it offers a connection for the next request only one event-loop turn after its reply ended, so
 * with one connection per allowed request, the request that follows a reply (a run's next sample) was queued until
 * the check phase after every other reply of that turn had been processed, and then waited another turn for undici's
 * idle-socket check. Here a connection is free as soon as its reply has ended; undici still runs that check before
 * writing on a reused socket, so the next request goes out in the same turn.
 */
export class ConnectionPool {
  private readonly connections: Connection[] = [];
  private readonly idle: Connection[] = [];
  private rotation = 0;
  private taken = 0;
  /** When a connection was last taken (performance.now()). */
  private lastTakenMs = performance.now();

  constructor(
    private readonly origin: string,
    private readonly size: number,
    private readonly options: Client.Options,
  ) {}

  /** A connection for one request; `release` it once the response has ended or failed. */
  take(): Connection {
    // With every connection taken (only when callers start more than `size` requests at once, which the model client's
    // limiter does not), the request queues on one of them inside undici.
    const connection = this.idle.pop() ?? this.open() ?? this.connections[this.rotation++ % this.connections.length];
    connection.active++;
    this.taken++;
    this.lastTakenMs = performance.now();
    return connection;
  }

  release(connection: Connection): void {
    this.taken--;
    if (--connection.active === 0) this.idle.push(connection);
  }

  /** No request is on any connection, and none was taken for `ms`. */
  idleFor(ms: number): boolean {
    return this.taken === 0 && performance.now() - this.lastTakenMs >= ms;
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.client.close()));
  }

  private open(): Connection | undefined {
    if (this.connections.length >= this.size) return undefined;
    const connection = { client: new Client(this.origin, this.options), active: 0 };
    this.connections.push(connection);
    return connection;
  }
}

/**
 * Keep-alive pools kept by a long-lived process (a worker) and lent to the model clients it creates, one pool per key
 * (provider, URL policy and origin; see HttpTransport), so that a run finds the connections of the runs before it
 * open and warm instead of opening its own and closing them at its end. A pool has no size of its own: each client's
 * limiter bounds its requests in flight. Sockets left idle close through the keep-alive timeout; a pool nobody took a
 * connection from for `idleMs` is closed and dropped, so origins no longer called do not pile up.
 */
export class ConnectionPools {
  private readonly pools = new Map<string, ConnectionPool>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly idleMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(), idleMs);
    this.sweeper.unref();
  }

  /** The pool of `key`, created with `create` the first time (and again after it was dropped). */
  pool(key: string, create: () => ConnectionPool): ConnectionPool {
    if (this.closed) throw new Error('the connection pools are closed');
    let pool = this.pools.get(key);
    if (!pool) {
      pool = create();
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Closes every pool once its requests have ended; for the process's shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private sweep(): void {
    for (const [key, pool] of this.pools) {
      if (!pool.idleFor(this.idleMs)) continue;
      this.pools.delete(key);
      void pool.close().catch(() => undefined);
    }
  }
}
