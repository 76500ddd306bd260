import { describe, expect, it } from "vitest";
import { decide, windowAt } from "./rate-limits";

const rule = { limit: 3, windowMs: 60_000 };

describe("sliding-window rate limit", () => {
  it("places a moment in its fixed window", () => {
    const pos = windowAt(new Date(Date.UTC(2026, 0, 1, 10, 0, 45)), 60_000);
    expect(pos.windowStart.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(pos.previousWindowStart.toISOString()).toBe("2026-01-01T09:59:00.000Z");
    expect(pos.elapsed).toBeCloseTo(0.75);
  });

  it("allows up to the limit within one window and refuses the next request until the window has passed", () => {
    const pos = windowAt(new Date(Date.UTC(2026, 0, 1, 10, 0, 30)), 60_000);
    for (const current of [1, 2, 3]) expect(decide(rule, pos, { current, previous: 0 })).toEqual({ allowed: true });
    const refused = decide(rule, pos, { current: 4, previous: 0 });
    expect(refused.allowed).toBe(false);
    // 30 s left in this window, then half of the next (its 4 hits must weigh at most 2 for one more to fit).
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("weighs the previous window by the share of it still inside the last window's length", () => {
    // 15 s into this window: 45 s of the previous one still count, i.e. 3/4 of its 4 hits = 3.
    const early = windowAt(new Date(Date.UTC(2026, 0, 1, 10, 0, 15)), 60_000);
    const refused = decide(rule, early, { current: 1, previous: 4 });
    expect(refused.allowed).toBe(false);
    // A second request fits once 4 × (1 − elapsed) ≤ 1, i.e. from elapsed 0.75: 30 s from now.
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 30 });
    const later = windowAt(new Date(Date.UTC(2026, 0, 1, 10, 0, 46)), 60_000);
    expect(decide(rule, later, { current: 2, previous: 4 })).toEqual({ allowed: true });
  });

  it("does not let a burst across a window boundary double the limit", () => {
    const justAfter = windowAt(new Date(Date.UTC(2026, 0, 1, 10, 1, 1)), 60_000);
    // 3 requests at the end of the last window; a 4th right after the boundary is refused.
    expect(decide(rule, justAfter, { current: 1, previous: 3 }).allowed).toBe(false);
  });
});
