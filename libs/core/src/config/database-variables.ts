import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { StorageVariables } from './storage-variables';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;

/** Where PostgreSQL is, and how to use it (EnvironmentVariables extends this: app-config.ts stays readable). */
export class DatabaseVariables extends StorageVariables {
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  /**
   * PostgreSQL itself when DATABASE_URL is a pooler in transaction mode (PgBouncer): LISTEN and the
   * migrations' session lock need a session of their own. Unset: DATABASE_URL.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'must be a postgres:// connection URL' })
  DATABASE_DIRECT_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(2) // the migration lock holds one connection while migrations run on another
  @Max(500)
  DATABASE_POOL_SIZE = 10;

  /**
   * How long a pooled connection may stay idle before it is closed (0: never). pg's own default, 10 s, empties
   * the pool after any lull, and the next requests pay a new backend and their statements' first plans.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  DATABASE_POOL_IDLE_SECONDS = 600;

  /** Hot reads as named prepared statements; `false` behind a pooler that cannot keep them (PgBouncer < 1.21). */
  @IsIn(['true', 'false'])
  DATABASE_PREPARED_STATEMENTS: 'true' | 'false' = 'true';
}

export const OPTIONAL_DATABASE_VARIABLES = ['DATABASE_URL', 'DATABASE_DIRECT_URL'];

export const SECRET_DATABASE_VARIABLES = ['DATABASE_URL', 'DATABASE_DIRECT_URL'];

export interface DatabaseConfig {
  /** Unset: the embedded PGlite database under DATA_DIR. */
  databaseUrl?: string;
  /** The session-level connection (LISTEN, migrations): DATABASE_DIRECT_URL, else DATABASE_URL. */
  databaseDirectUrl?: string;
  databasePoolSize: number;
  /** Seconds before an idle pooled connection is closed; 0 keeps them open. */
  databasePoolIdleSeconds: number;
  /** FastQuery.prepared sends named statements (false: unnamed ones, planned at each call). */
  databasePreparedStatements: boolean;
}

/** What is wrong with the database variables beyond each one's own format. */
export function databaseProblems(vars: DatabaseVariables): string[] {
  return vars.DATABASE_DIRECT_URL && !vars.DATABASE_URL
    ? ['DATABASE_DIRECT_URL: is only used with DATABASE_URL (the embedded database has no pooler to go around)']
    : [];
}

export function toDatabaseConfig(vars: DatabaseVariables): DatabaseConfig {
  return {
    databaseUrl: vars.DATABASE_URL,
    databaseDirectUrl: vars.DATABASE_DIRECT_URL ?? vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    databasePoolIdleSeconds: vars.DATABASE_POOL_IDLE_SECONDS,
    databasePreparedStatements: vars.DATABASE_PREPARED_STATEMENTS === 'true',
  };
}
