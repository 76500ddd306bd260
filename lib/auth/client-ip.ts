/**
 * The client's address for rate limiting and the audit log. The last X-Forwarded-For hop is the one
 * added by the nearest proxy (or by Next itself), so a client cannot choose it by sending the header.
 */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  const ip = last ?? headers.get("x-real-ip")?.trim() ?? "";
  return ip.slice(0, 100) || "unknown";
}
