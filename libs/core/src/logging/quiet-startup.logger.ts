import { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up chatter (modules initialised, every route mapped, gateways subscribed) and
 * TypeORM's connection retries go to debug: at info a start-up says what the process does, in a
 * few lines. A failed start is reported once, by the entry point.
 */
const DEBUG_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestFactory',
  'NestApplication',
  'TypeOrmModule',
  'ExceptionHandler',
]);

export class QuietStartupLogger implements LoggerService {
  constructor(private readonly delegate: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    this.route('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.route('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.route('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.delegate.debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.delegate.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.delegate.fatal?.(message, ...params);
  }

  private route(level: 'log' | 'error' | 'warn', message: unknown, params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && DEBUG_CONTEXTS.has(context)) {
      this.delegate.debug?.(message, context);
      return;
    }
    this.delegate[level](message, ...params);
  }
}
