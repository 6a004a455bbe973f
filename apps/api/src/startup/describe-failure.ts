import { ConfigError, DatabaseUnavailableError, EmbeddedDatabaseBusyError } from '@alveole/core';
import { StartupError } from './listen-errors';

/**
 * What to log when a process cannot start: a sentence for the failures people cause and can fix
 * (configuration, database, port), the error with its stack for anything else.
 */
export function describeStartupFailure(error: unknown): { message: string; err?: unknown } {
  if (error instanceof ConfigError) return { message: `invalid configuration: ${error.problems.join('; ')}` };
  if (
    error instanceof StartupError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof EmbeddedDatabaseBusyError
  ) {
    return { message: error.message };
  }
  return { message: `start-up failed: ${error instanceof Error ? error.message : String(error)}`, err: error };
}
