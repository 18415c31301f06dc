import type { Server } from 'node:http';
import { loadConfigOrExit } from '@studio/runtime';
import { migrateToLatest } from '@studio/db';
import { startMetricsServer, type MetricsServer } from '@studio/runtime';
import { createApp } from './app';
import { loadConfig } from './config';
import { closeDeps, createDeps } from './deps';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig());
  const deps = createDeps(config);
  if (config.migrateOnStart) {
    const { applied } = await migrateToLatest(deps.db);
    if (applied.length) deps.logger.info('migrations applied', { applied });
  }
  const metrics: MetricsServer | null = config.metrics ? await startMetricsServer({ registry: deps.metrics.registry, ...config.metrics }) : null;
  if (metrics) deps.logger.info(`metrics at ${metrics.url}/metrics`);
  if (config.sseGc.closedStreams > 0 && !deps.streamMemory.active) {
    deps.logger.warn('node runs without --expose-gc: memory is not given back after event streams close (docs/deployment.md, "Gateway memory")');
  }
  const app = createApp(deps);
  const server: Server = app.listen(config.port, config.host, () => {
    deps.logger.info(`gateway listening on http://${config.host}:${config.port} (docs at /docs, /redoc)`);
  });

  let stopping = false;
  /**
   * SIGTERM (an orchestrator): drain first. /api/ready fails for SHUTDOWN_DRAIN_MS while everything still works, so
   * load balancers take this gateway out; then it stops listening and ends its event streams (clients reconnect to
   * another gateway and resume from Last-Event-ID); in-flight requests get SHUTDOWN_TIMEOUT_MS. SIGINT (Ctrl-C) skips
   * the drain pause.
   */
  const stop = async (signal: 'SIGTERM' | 'SIGINT') => {
    if (stopping) return;
    stopping = true;
    deps.lifecycle.startDrain();
    const drainMs = signal === 'SIGTERM' ? config.shutdown.drainMs : 0;
    deps.logger.info(`${signal} received: draining for ${drainMs} ms, then shutting down`);
    await sleep(drainMs);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const ended = deps.lifecycle.endEventStreams();
    if (ended) deps.logger.info('ended open event streams; their clients resume on another gateway', { streams: ended });
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), config.shutdown.timeoutMs);
    cut.unref();
    await closed;
    clearTimeout(cut);
    await Promise.allSettled([closeDeps(deps), metrics?.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
