import { HttpStatus, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppException } from '../errors/app-exception';

export interface IdempotentRequest {
  /** What is being done (`post.create`): a key is scoped to one caller and one operation. */
  operation: string;
  userId: string;
  /** The client's `Idempotency-Key`, when it sent one. */
  key?: string;
  /** Everything that makes the request what it is (target and body): another one under the same key is 422. */
  body: unknown;
}

const KEPT_HOURS = 24;

/**
 * `Idempotency-Key` on creating calls: the same key and request within 24 h answers the first
 * response again and creates nothing more. The key row is inserted in the creating transaction:
 * a concurrent retry blocks on it until the first commits, then reads its response (or, when the
 * first rolled back, goes ahead itself).
 */
@Injectable()
export class IdempotencyKeys {
  /** The first response when this request was already handled; undefined when the caller should go ahead. */
  async claim<T>(request: IdempotentRequest, manager: EntityManager): Promise<T | undefined> {
    if (request.key === undefined) return undefined;
    const hash = fingerprint(request.body);
    // idempotency_keys_pkey (user_id, key, operation); an expired key is taken over
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key, operation) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - make_interval(hours => $5)
       RETURNING 1`,
      [request.userId, request.key, request.operation, hash, KEPT_HOURS],
    );
    if (claimed.length > 0) return undefined;
    const [first] = await manager.query<{ request_hash: string; response: T }[]>(
      `SELECT request_hash, response FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND operation = $3`,
      [request.userId, request.key, request.operation],
    );
    if (first.request_hash !== hash) throw keyReused();
    return first.response;
  }

  /** Keeps the response for retries, in the same transaction as what it describes. */
  async complete(request: IdempotentRequest, response: unknown, manager: EntityManager): Promise<void> {
    if (request.key === undefined) return;
    await manager.query(
      `UPDATE idempotency_keys SET response = $4::jsonb WHERE user_id = $1 AND key = $2 AND operation = $3`,
      [request.userId, request.key, request.operation, JSON.stringify(response)],
    );
  }
}

function fingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

const keyReused = () =>
  new AppException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'idempotency-key-reused',
    'This Idempotency-Key was used for another request: use a new key for a new request',
  );
