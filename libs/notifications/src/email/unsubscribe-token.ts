import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who unsubscribes from what: the link of an e-mail about a sphere. */
export interface UnsubscribeClaim {
  userId: string;
  sphereId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${body}`).digest().subarray(0, 16);

const toBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const toUuid = (bytes: Buffer) => bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * `base64url(userId bytes + sphereId bytes).base64url(HMAC-SHA256, 128 bits)`, 66 characters (a path
 * parameter stays under Fastify's 100): no expiry (an old e-mail's link keeps working), nothing but the
 * two ids is readable from it, and forging one needs the instance's secret.
 */
export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  if (!UUID.test(claim.userId) || !UUID.test(claim.sphereId)) throw new Error('unsubscribe tokens carry two uuids');
  const body = Buffer.concat([toBytes(claim.userId), toBytes(claim.sphereId)]).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** The claim of a genuine token; null for anything else (the same answer whatever is wrong). */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  if (token.length > 200) return null;
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const ids = Buffer.from(body, 'base64url');
  if (ids.length !== 32) return null;
  return { userId: toUuid(ids.subarray(0, 16)), sphereId: toUuid(ids.subarray(16)) };
}
