import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

const h = (values: Record<string, string>) => new Headers(values);

describe("client IP", () => {
  it("takes the last X-Forwarded-For hop, which the client cannot forge", () => {
    expect(clientIpFrom(h({ "x-forwarded-for": "1.2.3.4, 10.0.0.7" }))).toBe("10.0.0.7");
  });

  it("falls back to X-Real-IP, then to 'unknown'", () => {
    expect(clientIpFrom(h({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
    expect(clientIpFrom(h({}))).toBe("unknown");
  });
});
