import { describe, expect, it } from "vitest";
import {
  describeUserAgent,
  SECOND_FACTOR_WINDOW_MS,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionState,
  type SessionRecord,
} from "./session-policy";

const t0 = new Date("2026-10-01T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const record = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  userId: "u",
  awaitingSecondFactor: false,
  sessionVersion: 3,
  createdAt: t0,
  lastSeenAt: t0,
  expiresAt: at(SESSION_ABSOLUTE_MS),
  endedAt: null,
  ...over,
});

describe("session lifetimes", () => {
  it("is active until the idle lifetime passes without activity", () => {
    expect(sessionState(record(), 3, at(SESSION_IDLE_MS - 1))).toBe("active");
    expect(sessionState(record(), 3, at(SESSION_IDLE_MS))).toBe("ended");
  });

  it("ends at the absolute lifetime even when seen a moment ago", () => {
    const busy = record({ lastSeenAt: at(SESSION_ABSOLUTE_MS - 1000) });
    expect(sessionState(busy, 3, at(SESSION_ABSOLUTE_MS - 1))).toBe("active");
    expect(sessionState(busy, 3, at(SESSION_ABSOLUTE_MS))).toBe("ended");
  });

  it("ends when signed out or after a password change (another session version)", () => {
    expect(sessionState(record({ endedAt: t0 }), 3, at(1000))).toBe("ended");
    expect(sessionState(record(), 4, at(1000))).toBe("ended");
  });

  it("waits for the second factor for a short while only", () => {
    const pending = record({ awaitingSecondFactor: true });
    expect(sessionState(pending, 3, at(SECOND_FACTOR_WINDOW_MS - 1))).toBe("awaiting_second_factor");
    expect(sessionState(pending, 3, at(SECOND_FACTOR_WINDOW_MS))).toBe("ended");
  });
});

describe("device names", () => {
  it("names common browsers and systems, and falls back to the raw agent", () => {
    expect(
      describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"),
    ).toBe("Chrome on Windows");
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Gecko/20100101 Firefox/131.0")).toBe(
      "Firefox on macOS",
    );
    expect(describeUserAgent("curl/8.5.0")).toBe("curl/8.5.0");
    expect(describeUserAgent(null)).toBe("Unknown device");
  });
});
