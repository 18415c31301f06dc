/**
 * An OpenAI-compatible chat-completions server for the throughput bench, run as its own process
 * (`fork`) so its CPU time never counts against the engine's. It answers every request with the
 * same MCQ reply after a latency drawn uniformly from [min, max] milliseconds, and reports its
 * port to the parent over IPC. `GET /bench/stats` tells when the first request since `POST /bench/reset` came,
 * when the last reply went out, and how many requests and request-body bytes came.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const [minMs, maxMs] = [Number(process.argv[2] ?? 100), Number(process.argv[3] ?? process.argv[2] ?? 100)];

/** The reply body is the same for every request; only its latency varies. */
const REPLY = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The answer follows.\nANSWER: A' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 180, completion_tokens: 8, total_tokens: 188 },
});

/**
 * When the first completion request since the last `POST /bench/reset` arrived and when the last reply was sent
 * (timeOrigin + now, ms), how many requests came and their bodies' bytes (a bare client's floor sends as much).
 */
let first: number | null = null;
let last: number | null = null;
let requests = 0;
let bytes = 0;

const server = createServer((req, res) => {
  if (req.url === '/bench/reset' || req.url === '/bench/stats') {
    if (req.url === '/bench/reset') [first, last, requests, bytes] = [null, null, 0, 0];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ first, last, requests, bytes }));
    return;
  }
  requests += 1;
  first ??= performance.timeOrigin + performance.now();
  // The body must be drained (here while counted) before answering, or keep-alive connections cannot be reused.
  req.on('data', (chunk: Buffer) => (bytes += chunk.length));
  req.on('end', () => {
    const delay = minMs + Math.random() * (maxMs - minMs);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REPLY) });
      res.end(REPLY);
      last = performance.timeOrigin + performance.now();
    }, delay);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
