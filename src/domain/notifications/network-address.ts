import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach from the server: loopback, "this network", private (RFC 1918,
 * unique local), carrier-grade NAT, link-local (where cloud metadata services answer, 169.254.169.254),
 * benchmarking, multicast and reserved ranges. A webhook to them would let whoever registers it probe
 * or call services that trust the server's own network.
 */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) INTERNAL.addSubnet(net, prefix, 'ipv6');

/**
 * Whether an IP address lies outside every internal range (an IPv4 address mapped into IPv6,
 * "::ffff:127.0.0.1", is judged as the IPv4 address it is). Not an IP address: false.
 *
 * @example
 * isPublicAddress('203.162.4.190') // true
 * isPublicAddress('169.254.169.254') // false
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(bare);
  if (family === 0) return false;
  return !INTERNAL.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
