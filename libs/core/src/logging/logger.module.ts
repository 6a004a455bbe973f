import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger } from 'pino';
import pretty from 'pino-pretty';
import { AppConfig } from '../config/app-config';

/** Paths never written to logs: credentials, tokens and cookies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
];

/** Anything shaped like an e-mail address, wherever it sits in a line (an SMTP error quoting a recipient). */
const EMAIL_LIKE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** A written log line with every e-mail address replaced: no log names a person by their address. */
export const withoutEmails = (line: string): string => line.replace(EMAIL_LIKE, '[e-mail]');

/**
 * The process's one pino logger, secrets redacted and e-mail addresses scrubbed from every line
 * (our code logs ids, never addresses; this also covers messages of libraries' errors): JSON lines,
 * or human-readable lines when a person watches a terminal outside production.
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel' | 'env'>, name: string): Logger {
  const options = {
    name,
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: withoutEmails },
  };
  if (config.env === 'production' || !process.stdout.isTTY) return pino(options);
  // synchronous, so the last line before an exit is written
  return pino(options, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' }));
}

/**
 * Nest's logger (nestjs-pino) over the root logger. Requests are logged by Fastify on the same
 * logger (see create-app.ts), not by nestjs-pino's pino-http middleware: that middleware and its
 * per-request AsyncLocalStorage cost ~8% of the CPU of a small authenticated request.
 */
export function loggerModule(logger: Logger): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] });
}
