import type { Server } from 'node:http';
import { loadConfigOrExit } from '@studio/runtime';
import { migrateToLatest } from '@studio/db';
import { createApp } from './app';
import { loadConfig } from './config';
import { closeDeps, createDeps } from './deps';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig());
  const deps = createDeps(config);
  if (config.migrateOnStart) {
    const { applied } = await migrateToLatest(deps.db);
    if (applied.length) deps.logger.info('migrations applied', { applied });
  }
  const app = createApp(deps);
  const server: Server = app.listen(config.port, config.host, () => {
    deps.logger.info(`gateway listening on http://${config.host}:${config.port} (docs at /docs, /redoc)`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info(`${signal} received, shutting down`);
    server.close(() => {
      void closeDeps(deps).then(() => process.exit(0));
    });
    // Long-lived SSE connections would keep close() waiting forever.
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
