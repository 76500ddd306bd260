import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpFrom } from "@/lib/auth/client-ip";
import { installClientIpStamp } from "@/server/peer-address";

/**
 * The stamp on a real HTTP server, as `next start` runs one: whatever forwarding headers the client sends, and even
 * if it sends the stamp header itself, the request carries the socket's address (no trusted proxy configured).
 */
describe("client address stamped from the socket", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    installClientIpStamp(0);
    server = http.createServer((req, res) => {
      const headers = new Headers(req.headers as Record<string, string>);
      res.end(JSON.stringify({ ip: clientIpFrom(headers), forwardedFor: req.headers["x-forwarded-for"] ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("ignores a client-sent X-Forwarded-For, X-Real-IP and a forged stamp", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: {
        "x-forwarded-for": "6.6.6.6",
        "x-real-ip": "6.6.6.7",
        forwarded: "for=6.6.6.8",
        [CLIENT_IP_HEADER]: "6.6.6.9",
      },
    });
    const body = (await res.json()) as { ip: string; forwardedFor: string | null };
    expect(body.ip).toBe("127.0.0.1");
    // The header itself is left alone for anything else that reads it; it just decides nothing.
    expect(body.forwardedFor).toBe("6.6.6.6");
  });
});
