import { describe, expect, it } from "vitest";
import { invitationExpiry, invitationStatus, INVITATION_TTL_MS } from "./status";

const now = new Date("2026-03-01T12:00:00Z");
const base = { expiresAt: invitationExpiry(now), acceptedAt: null, revokedAt: null };

describe("invitation status", () => {
  it("is pending for 7 days", () => {
    expect(invitationStatus(base, now)).toBe("pending");
    expect(invitationStatus(base, new Date(now.getTime() + INVITATION_TTL_MS - 1))).toBe("pending");
  });

  it("expires exactly 7 days after it was sent", () => {
    expect(INVITATION_TTL_MS).toBe(7 * 86_400_000);
    expect(invitationStatus(base, new Date(now.getTime() + INVITATION_TTL_MS))).toBe("expired");
  });

  it("once accepted it stays accepted, even after expiry", () => {
    expect(invitationStatus({ ...base, acceptedAt: now }, new Date(now.getTime() + 2 * INVITATION_TTL_MS))).toBe(
      "accepted",
    );
  });

  it("a revoked invitation is revoked", () => {
    expect(invitationStatus({ ...base, revokedAt: now }, now)).toBe("revoked");
  });
});
