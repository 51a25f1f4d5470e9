/**
 * Which proxies in front of the server may name the client (`X-Forwarded-For`), from
 * `THEODOI_TRUST_PROXY`: unset or empty trusts none (the connection's address is the client); a
 * number trusts that many proxy hops (deploy/compose.yaml: `1`, its Caddy); anything else is a
 * comma-separated list of the proxies' addresses or CIDR ranges. Without it, every person behind the
 * proxy shares one address, so one person's failed sign-ins lock everyone out and the per-address
 * limits count the whole city as one client.
 */
export function trustProxyFromEnv(value = process.env.THEODOI_TRUST_PROXY): string | ((address: string, hop: number) => boolean) | undefined {
  const setting = value?.trim();
  if (!setting) return undefined;
  if (/^\d+$/.test(setting)) {
    // Fastify's own hop count is not in its types: the same rule as a function (hop 0 is the peer).
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return setting;
}
