import { BlockList, isIP } from 'node:net';

/**
 * Push endpoints are URLs a browser hands us: the server then POSTs to them, so an unchecked one would
 * let any member make the server call its own network (SSRF). Only `https` to public addresses is
 * accepted; `http://127.0.0.1` only where the configuration allows a loopback push service (tests).
 * The check is made at registration on the URL, and again at send time on every address the host
 * resolves to (a name that later resolves inward is refused then).
 */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

const INTERNAL_NAME = /(^localhost$|\.localhost$|\.local$|\.internal$|\.lan$|\.home\.arpa$|^[^.]*$)/i;

/** `::ffff:10.0.0.1` or `::ffff:a00:1` (as URL writes it): the IPv4 address it maps, else null. */
function mappedIpv4(address: string): string | null {
  const tail = /^::ffff:(.+)$/i.exec(address)?.[1];
  if (!tail) return null;
  if (isIP(tail) === 4) return tail;
  const groups = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!groups) return null;
  const [high, low] = [parseInt(groups[1], 16), parseInt(groups[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = family === 6 ? mappedIpv4(address) : null;
  // an IPv4 address is checked against the IPv4 ranges only (BlockList would also match it to IPv6 rules)
  if (mapped) return isPublicAddress(mapped);
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The loopback push service a test runs; nothing else on loopback. */
export const isAllowedLoopback = (address: string, allowLoopback: boolean) => allowLoopback && address === '127.0.0.1';

/** Why this endpoint is refused, or null when it may be used. */
export function endpointProblem(endpoint: string, allowLoopback: boolean): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'endpoint must be a URL';
  }
  if (url.username || url.password) return 'endpoint must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'http:' && isAllowedLoopback(host, allowLoopback)) return null;
  if (url.protocol !== 'https:') return 'endpoint must be an https URL';
  if (isIP(host) !== 0) return isPublicAddress(host) ? null : 'endpoint must be on a public address';
  return INTERNAL_NAME.test(host) ? 'endpoint must be on a public host' : null;
}
