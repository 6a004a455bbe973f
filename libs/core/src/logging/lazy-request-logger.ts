import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger } from 'pino';

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

  // prototype methods, not arrow properties: nothing is allocated per request but the instance
  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  private write(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    (this.logger[level] as (...a: unknown[]) => void)(...args);
  }

  private get logger(): Logger {
    return (this.built ??= this.parent.child(this.bindings, this.options));
  }
}
