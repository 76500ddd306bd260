/**
 * Which addresses a webhook may never reach (SSRF, issue 15): a URL the admin types is fetched by the server, so
 * it must not point at the server itself or the cloud's metadata service (which hands out credentials). Refused:
 * loopback (unless the operator allows it, e.g. for tests), link-local (169.254.0.0/16 with the metadata address
 * 169.254.169.254, fe80::/10), the unspecified address, multicast and broadcast, and the IPv6 forms of those
 * (IPv4-mapped too). Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) stay allowed: a partner's own
 * systems on its network are a purpose of the webhook. Pure.
 */
import { isIP } from "node:net";

export type AddressPolicy = { allowLoopback: boolean };

/** Why the address is refused, or null when it is allowed. */
export function refusedAddress(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (family === 4) return refusedV4(address, policy);
  if (family === 6) return refusedV6(address.toLowerCase(), policy);
  return "not an IP address";
}

function refusedV4(address: string, policy: AddressPolicy): string | null {
  const [a, b] = address.split(".").map(Number) as [number, number, number, number];
  if (a === 127) return policy.allowLoopback ? null : "a loopback address (this server itself)";
  if (a === 169 && b === 254) return "a link-local address (the cloud metadata service lives there)";
  if (a === 0) return "the unspecified address";
  if (a >= 224) return "a multicast or reserved address";
  if (address === "100.100.100.200") return "a cloud metadata address (Alibaba Cloud)";
  return null;
}

function refusedV6(address: string, policy: AddressPolicy): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return refusedV4(mapped[1]!, policy);
  if (address === "::1") return policy.allowLoopback ? null : "a loopback address (this server itself)";
  if (address === "::") return "the unspecified address";
  if (/^fe[89ab]/.test(address)) return "a link-local address";
  if (address.startsWith("ff")) return "a multicast address";
  if (address === "fd00:ec2::254") return "a cloud metadata address";
  return null;
}

/** The URL itself: http or https only, no credentials in it, a host. Its addresses are checked when it is sent. */
export function refusedUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://example.com/hooks/pcp.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https:// or http://.";
  if (url.username || url.password) return "The URL must not contain a user name or password.";
  if (!url.hostname) return "The URL needs a host name.";
  return null;
}
