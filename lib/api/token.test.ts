import { describe, expect, it } from "vitest";
import { apiTokenHint, apiTokenState, bearerToken, hashApiToken, looksLikeApiToken, newApiToken } from "./token";

describe("API tokens", () => {
  it("are pcp_ and 256 random bits in base64url, and differ every time", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).toMatch(/^pcp_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token.slice(4), "base64url")).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
  });

  it("store the SHA-256 of the whole token and a hint of its first characters only", () => {
    const { token, tokenHash, hint } = newApiToken();
    expect(tokenHash).toBe(hashApiToken(token));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token.slice(4, 20));
    expect(hint).toBe(`${token.slice(0, 10)}…`);
    expect(apiTokenHint(token)).toBe(hint);
  });

  it("are read from a Bearer header, whatever the scheme's case", () => {
    const { token } = newApiToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer   ${token} `)).toBe(token);
  });

  it("a missing header or another scheme is no token; a malformed Bearer value is an invalid one", () => {
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerToken("Bearer not-a-token")).toBe("");
    expect(bearerToken("Bearer")).toBe("");
    expect(looksLikeApiToken(`pcp_${"a".repeat(42)}`)).toBe(false);
  });

  it("are revoked, expired at their expiry instant, or active", () => {
    const now = new Date("2026-11-01T12:00:00Z");
    expect(apiTokenState({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(apiTokenState({ revokedAt: null, expiresAt: new Date("2026-11-01T12:00:01Z") }, now)).toBe("active");
    expect(apiTokenState({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(apiTokenState({ revokedAt: new Date("2026-10-01T00:00:00Z"), expiresAt: null }, now)).toBe("revoked");
  });
});
