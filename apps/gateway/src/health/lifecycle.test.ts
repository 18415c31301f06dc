import { request, type ClientRequest } from 'node:http';
import express from 'express';
import { GatewayLifecycle } from './lifecycle';
import { startEventStream } from '../runs/run-stream';

/** A real HTTP server with one event-stream route and one JSON route, behind the lifecycle's tracking. */
async function serve(lifecycle: GatewayLifecycle) {
  const app = express();
  app.use(lifecycle.trackEventStreams());
  app.get('/events', (_req, res) => startEventStream(res));
  app.get('/json', (_req, res) => res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Opens a request and resolves once the response's first bytes arrived; `req.destroy()` disconnects. */
function get(url: string): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => res.once('data', () => resolve(req)));
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

test('reports the number of open event streams as each opens and closes, and not for other responses', async () => {
  const heard: number[] = [];
  const lifecycle = new GatewayLifecycle((open) => heard.push(open));
  const server = await serve(lifecycle);
  try {
    const a = await get(`${server.url}/events`);
    const b = await get(`${server.url}/events`);
    await get(`${server.url}/json`);
    expect(lifecycle.openEventStreams).toBe(2);
    a.destroy();
    b.destroy();
    for (let i = 0; i < 100 && heard.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual([1, 2, 1, 0]);
    expect(lifecycle.openEventStreams).toBe(0);
  } finally {
    await server.close();
  }
});
