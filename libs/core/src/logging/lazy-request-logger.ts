import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger, LogFn } from 'pino';

/**
 * Fastify gives every request a child logger, and pino builds a child by serialising its bindings
 * through the redaction rules: ~4 µs and some garbage per request (bench:http profile), for a logger
 * that a successful request at the default level never uses. This one builds the child on its
 * first line only; level checks read the parent, whose level the child inherits.
 */
export class LazyRequestLogger {
  private built?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** Fastify's `childLoggerFactory`. */
  static factory(this: void, parent: Logger, bindings: Bindings, options: ChildLoggerOptions): LazyRequestLogger {
    return new LazyRequestLogger(parent, bindings, options);
  }

  get level(): LevelWithSilentOrString {
    return this.options.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.logger.level = level;
  }

  isLevelEnabled(level: LevelWithSilentOrString): boolean {
    return this.built?.isLevelEnabled(level) ?? (this.options.level ? this.logger : this.parent).isLevelEnabled(level);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.logger.child(bindings, options);
  }

  fatal: LogFn = (...args: Parameters<LogFn>) => this.write('fatal', args);
  error: LogFn = (...args: Parameters<LogFn>) => this.write('error', args);
  warn: LogFn = (...args: Parameters<LogFn>) => this.write('warn', args);
  info: LogFn = (...args: Parameters<LogFn>) => this.write('info', args);
  debug: LogFn = (...args: Parameters<LogFn>) => this.write('debug', args);
  trace: LogFn = (...args: Parameters<LogFn>) => this.write('trace', args);
  silent: LogFn = () => undefined;

  private write(level: Level, args: Parameters<LogFn>): void {
    if (!this.isLevelEnabled(level)) return;
    (this.logger[level] as (...a: unknown[]) => void)(...(args as unknown[]));
  }

  private get logger(): Logger {
    return (this.built ??= this.parent.child(this.bindings, this.options));
  }
}
