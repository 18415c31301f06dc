import { loadConfigOrExit } from '@studio/runtime';
import { loadConfig } from './config';
import { createWorkerLogger, startWorker } from './worker.app';

/** Past the shutdown grace, closing connections should take seconds; a hang beyond this exits anyway. */
const EXIT_DEADLINE_EXTRA_MS = 15_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig());
  const logger = createWorkerLogger(config);
  const app = await startWorker(config, logger);
  const shutdown = (signal: string) => {
    logger.info(`${signal} received`);
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + EXIT_DEADLINE_EXTRA_MS).unref();
    void app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`worker failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
