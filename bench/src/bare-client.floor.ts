/**
 * The floor under the throughput benches: a bare undici client (keep-alive connections, no engine, no product)
 * sending N chat-completion requests, `connections` at a time, to the same fake model server. The server and the
 * loopback cost a few ms per round trip of their own, so not even this reaches the limit (N × latency ÷ connections);
 * a bench prints this ratio next to its own so that what the product adds can be told from what HTTP costs here.
 */
import { Agent, request } from 'undici';

export interface FloorResult {
  /** The limit ÷ the wall time of the N requests. */
  ratio: number;
  wallMs: number;
  meanRoundTripMs: number;
}

export interface FloorOptions {
  /** The model server's `/v1` base URL. */
  baseUrl: string;
  requests: number;
  connections: number;
  latencyMs: number;
  /** Request body size in bytes: what the product sent per request (the model server's count), so both write the same. */
  bodyBytes: number;
}

/** Two passes over one pool: the first opens the connections and warms the JIT, the second is measured. */
export async function measureFloor(options: FloorOptions): Promise<FloorResult> {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 30_000 });
  const url = `${options.baseUrl}/chat/completions`;
  const prefix = '{"model":"bench-model","messages":[{"role":"user","content":"';
  const suffix = '"}]}';
  const body = prefix + 'x'.repeat(Math.max(0, Math.round(options.bodyBytes) - prefix.length - suffix.length)) + suffix;
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench-0123456789' };
  const pass = async (): Promise<FloorResult> => {
    let sent = 0;
    let roundTrips = 0;
    const lane = async () => {
      while (sent < options.requests) {
        sent++;
        const t = performance.now();
        const res = await request(url, { method: 'POST', body, headers, dispatcher: agent });
        await res.body.json();
        roundTrips += performance.now() - t;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.connections }, lane));
    const wallMs = performance.now() - started;
    const limitMs = (options.requests / options.connections) * options.latencyMs;
    return { ratio: limitMs / wallMs, wallMs, meanRoundTripMs: roundTrips / options.requests };
  };
  try {
    await pass();
    return await pass();
  } finally {
    await agent.close();
  }
}

/**
 * `bare HTTP client against the same server: 0.934, 0.936 (…); ours is 0.970 of the best`: our median ratio against
 * the floor's best pass (on a shared machine a pass is only ever slowed down by others).
 */
export function floorLine(floors: readonly FloorResult[], ours: readonly number[]): string {
  const median = [...ours].sort((a, b) => a - b)[Math.floor(ours.length / 2)];
  const best = Math.max(...floors.map((f) => f.ratio));
  return (
    `bare HTTP client against the same server: ${floors.map((f) => f.ratio.toFixed(3)).join(', ')} ` +
    `(mean round trip ${floors.map((f) => f.meanRoundTripMs.toFixed(1)).join(', ')} ms); ours is ${(median / best).toFixed(3)} of the best`
  );
}
