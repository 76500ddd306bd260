import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { CLIENT_IP_HEADER, resolveClientIp } from "@/lib/auth/client-ip";

/**
 * Next's route handlers, server actions and proxy see headers only, never the socket, and `next start` keeps a
 * client-sent X-Forwarded-For as it is. So before Next sees a request, the HTTP server's "request" event stamps it
 * with the client address worked out from the socket's peer and TRUSTED_PROXY_HOPS (lib/auth/client-ip.ts),
 * overwriting any value the client put in that header itself. Installed once per process at start-up
 * (instrumentation.ts → server/boot.ts), before the first request is handled; `next start` serves from the same
 * process. A request that was not stamped counts as "unknown", never as the client's own claim.
 */
const INSTALLED = Symbol.for("pcp.clientIpStamp");

export function installClientIpStamp(trustedHops: number): void {
  const g = globalThis as unknown as { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (...a: unknown[]) => boolean }[]) {
    const original = proto.emit;
    proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      if (event === "request") stamp(args[0] as IncomingMessage, trustedHops);
      return original.call(this, event, ...args);
    };
  }
}

function stamp(req: IncomingMessage, trustedHops: number): void {
  req.headers[CLIENT_IP_HEADER] = resolveClientIp({
    peer: req.socket?.remoteAddress,
    forwardedFor: req.headers["x-forwarded-for"],
    trustedHops,
  });
}
