import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpFrom, resolveClientIp } from "./client-ip";

describe("client IP", () => {
  it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For the client sent", () => {
    expect(resolveClientIp({ peer: "::ffff:198.51.100.7", forwardedFor: "6.6.6.6", trustedHops: 0 })).toBe(
      "198.51.100.7",
    );
    expect(resolveClientIp({ peer: "198.51.100.7", forwardedFor: null, trustedHops: 0 })).toBe("198.51.100.7");
  });

  it("behind one trusted proxy, is the address that proxy appended, not what the client put in front", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the load balancer (10.0.0.2) appended the address it saw.
    expect(resolveClientIp({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.50", trustedHops: 1 })).toBe(
      "203.0.113.50",
    );
    expect(resolveClientIp({ peer: "10.0.0.2", forwardedFor: "203.0.113.50", trustedHops: 1 })).toBe("203.0.113.50");
  });

  it("behind two trusted proxies, counts two hops from the right", () => {
    expect(
      resolveClientIp({ peer: "10.0.0.3", forwardedFor: ["6.6.6.6, 203.0.113.50", "10.0.0.2"], trustedHops: 2 }),
    ).toBe("203.0.113.50");
  });

  it("with fewer hops than configured, falls back to the leftmost trusted entry or the peer", () => {
    expect(resolveClientIp({ peer: "10.0.0.2", forwardedFor: null, trustedHops: 1 })).toBe("10.0.0.2");
  });

  it("ignores garbage in the header and normalises addresses", () => {
    expect(resolveClientIp({ peer: "10.0.0.2", forwardedFor: "<script>, 203.0.113.9:4711", trustedHops: 1 })).toBe(
      "203.0.113.9",
    );
    expect(resolveClientIp({ peer: "[2001:db8::1]:443", forwardedFor: null, trustedHops: 0 })).toBe("2001:db8::1");
  });

  it("reads only the server's stamp, never X-Forwarded-For or X-Real-IP", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" }))).toBe("unknown");
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "198.51.100.7" }))).toBe("198.51.100.7");
  });
});
