import { createSecretKey } from 'node:crypto';
import fastify from 'fastify';
import { JwtPayload, verify } from 'jsonwebtoken';
import { Pool } from 'pg';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/**
 * What every reference server shares: bare Fastify, a pg pool of the app's size, the same HS256
 * check of the bearer token (a KeyObject built once, as the app does), readiness, and shutdown.
 * Each reference adds only the route it measures, then calls `listen()`.
 */
export function referenceServer() {
  const secret = createSecretKey(Buffer.from(env('JWT_SECRET')));
  const pool = new Pool({
    connectionString: env('DATABASE_URL'),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    idleTimeoutMillis: Number(process.env.DATABASE_POOL_IDLE_SECONDS ?? 600) * 1000,
    application_name: 'alveole-bench-reference',
  });
  const server = fastify({ logger: false });

  server.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });

  /** The user id of a valid bearer token, or null. */
  function authenticatedUserId(header: string | undefined): string | null {
    if (!header?.startsWith('Bearer ')) return null;
    try {
      const claims = verify(header.slice('Bearer '.length), secret, { algorithms: ['HS256'] }) as JwtPayload;
      return typeof claims.sub === 'string' && UUID.test(claims.sub) ? claims.sub : null;
    } catch {
      return null;
    }
  }

  function listen(): void {
    const shutdown = async () => {
      await server.close();
      await pool.end();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
    server.listen({ host: '127.0.0.1', port: Number(env('PORT')) }).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  }

  return { server, pool, authenticatedUserId, listen };
}
