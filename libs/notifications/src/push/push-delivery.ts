import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { generateRequestDetails, PushSubscription } from 'web-push';
import { isAllowedLoopback, isPublicAddress } from './endpoint-policy';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

const TIMEOUT_MS = 10_000;

/**
 * Resolves like `dns.lookup` but fails when any address is not public: the connection is made to the
 * address checked here, so a name cannot point the server at its own network (DNS rebinding included).
 */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find(
        (a) => !isPublicAddress(a.address) && !isAllowedLoopback(a.address, allowLoopback),
      );
      if (refused || addresses.length === 0) {
        return callback(
          Object.assign(new Error('push endpoint resolves to a non-public address'), { code: 'EREFUSED' }),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * Encrypts `payload` (aes128gcm) for the subscription and POSTs it to its endpoint with a VAPID
 * signature; resolves with the push service's status (no redirect followed), rejects on a network error.
 */
export function deliver(
  subscription: PushSubscription,
  payload: string,
  vapid: VapidDetails,
  allowLoopback: boolean,
): Promise<number> {
  const details = generateRequestDetails(subscription, payload, {
    vapidDetails: vapid,
    TTL: 24 * 3600,
    contentEncoding: 'aes128gcm',
    urgency: 'normal',
  });
  const url = new URL(details.endpoint);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: details.method, headers: details.headers, lookup: guardedLookup(allowLoopback), timeout: TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('push service timed out')));
    req.on('error', reject);
    req.end(details.body ?? undefined);
  });
}
