/**
 * A load balancer as Kubernetes Services and cloud balancers behave, for tests: it polls each backend's readiness
 * path and sends every new request to the first backend that is ready, streaming answers back unbuffered (event
 * streams included). Requests already proxied stay on their backend until it ends them.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReadyBalancer {
  url: string;
  /** Which backend each proxied request went to, in order: `<backend> <method> <path>`. */
  readonly routed: string[];
  close(): Promise<void>;
}

export async function startReadyBalancer(backends: readonly string[], readyPath: string, pollMs = 100): Promise<ReadyBalancer> {
  const ready = new Map<string, boolean>(backends.map((b) => [b, false]));
  const routed: string[] = [];
  const poll = async () => {
    await Promise.all(
      backends.map(async (b) => {
        try {
          const res = await fetch(`${b}${readyPath}`, { signal: AbortSignal.timeout(1000) });
          await res.arrayBuffer();
          ready.set(b, res.status === 200);
        } catch {
          ready.set(b, false);
        }
      }),
    );
  };
  await poll();
  let polling = true;
  const loop = (async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, pollMs));
      await poll();
    }
  })();
  const server: Server = createServer((req, res) => {
    const backend = backends.find((b) => ready.get(b));
    if (!backend) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('no ready backend\n');
      return;
    }
    routed.push(`${backend} ${req.method} ${req.url}`);
    const target = new URL(req.url ?? '/', backend);
    const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      res.flushHeaders();
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed,
    async close() {
      polling = false;
      await loop;
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
