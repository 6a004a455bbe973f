import { INestApplicationContext, Logger } from '@nestjs/common';

/**
 * Graceful shutdown on SIGTERM/SIGINT: Nest closes the HTTP server (stops accepting, lets
 * in-flight requests finish), workers finish the jobs in hand, pools close. Past the grace
 * period the process exits anyway so an orchestrator is never kept waiting.
 */
export function closeOnSignals(app: INestApplicationContext, graceMs: number): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining`);
    const timer = setTimeout(() => {
      logger.error(`still closing after ${graceMs} ms: exiting`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
