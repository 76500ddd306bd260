/**
 * The client's address for rate limiting, sessions and the audit log.
 *
 * A client can send any X-Forwarded-For it likes, and `next start` keeps a client-sent one (it only adds the
 * socket's address when the header is absent), so the header alone proves nothing. The server stamps every
 * request with the address worked out here from the socket's peer address and the configured number of trusted
 * proxy hops (server/peer-address.ts), overwriting whatever the client sent in that header:
 *  - 0 hops (the default): the socket's peer; X-Forwarded-For, X-Real-IP, Forwarded … are ignored;
 *  - N hops: the peer is the nearest proxy; each trusted proxy appended the address it saw, so the client is the
 *    N-th X-Forwarded-For entry from the right. Entries further left were sent by the client and are ignored.
 */
export const CLIENT_IP_HEADER = "x-pcp-client-ip";

export function resolveClientIp(input: {
  peer: string | null | undefined;
  forwardedFor: string | string[] | null | undefined;
  trustedHops: number;
}): string {
  const peer = normaliseIp(input.peer);
  if (input.trustedHops <= 0) return peer;
  const raw = Array.isArray(input.forwardedFor) ? input.forwardedFor.join(",") : (input.forwardedFor ?? "");
  const hops = raw
    .split(",")
    .map((s) => normaliseIp(s))
    .filter((s) => s !== "unknown");
  // [client-sent…, seen by the outermost proxy, …, seen by the proxy nearest to us] + the peer (nearest proxy).
  const chain = [...hops, peer];
  const index = chain.length - 1 - input.trustedHops;
  // Fewer entries than trusted hops: the request came past fewer proxies than configured; the leftmost is the
  // best that is known, and it was still written by a trusted proxy or is the peer itself.
  return chain[Math.max(0, index)] ?? peer;
}

/** Trims, drops an IPv4-mapped IPv6 prefix and a port, and bounds the length; "unknown" when nothing is left. */
export function normaliseIp(value: string | null | undefined): string {
  let ip = (value ?? "").trim();
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) ip = ip.slice(7);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(ip);
  if (v4WithPort) ip = v4WithPort[1]!;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/i.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  if (!/^[0-9a-f:.]+$/i.test(ip)) return "unknown";
  return ip.slice(0, 64) || "unknown";
}

/** The address the server stamped on this request (see above); "unknown" for a request it did not stamp. */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  return normaliseIp(headers.get(CLIENT_IP_HEADER));
}
