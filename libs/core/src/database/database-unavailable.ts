import { DataSource, DataSourceOptions } from 'typeorm';
import { EmbeddedDatabaseBusyError } from './embedded-lock';

/** The database could not be reached at start-up; the message names the cause, never a password. */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    /** Worth another quick try (refused, starting up), as opposed to wrong settings or a silent host. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

// refused or reset (a database restarting), DNS not answering yet, "the database system is starting up";
// not a timeout: that attempt already waited its connect timeout
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN', '57P03']);

/** `postgres://user@host:port/db`: what to show of a connection URL. */
export function redactedDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/\/([^:@/]*):?@/, '//$1@');
  } catch {
    return 'DATABASE_URL (unparsable)';
  }
}

/** Opens the data source, turning a failure into one sentence that says where and why. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  try {
    return await new DataSource(options).initialize();
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) throw error;
    const code = (error as { code?: string }).code ?? '';
    const cause = error instanceof Error ? error.message : String(error);
    const where = 'url' in options && options.url ? redactedDatabaseUrl(options.url) : 'the embedded database';
    throw new DatabaseUnavailableError(
      `cannot connect to the database at ${where}: ${cause}${code && !cause.includes(code) ? ` (${code})` : ''}`,
      TRANSIENT.has(code),
    );
  }
}
