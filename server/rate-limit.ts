import type { Db } from "@/db/client";
import { countRateLimitHit, refundRateLimitHit } from "@/db/queries/rate-limits";
import { decide, windowAt, type RateLimitDecision, type RateLimitRule } from "@/lib/auth/rate-limits";

/**
 * THE rate limiter: counts one request of `key` (an address, an IP, a user id) against `rule` and says whether
 * it is within the limit. The count and the check are one atomic statement (db/queries/rate-limits.ts), so
 * parallel requests are each counted before any of them is judged: 50 at once against a limit of 5 let exactly
 * 5 through. Call it BEFORE doing the expensive or revealing work.
 */
export async function hitRateLimit(
  db: Db,
  rule: RateLimitRule,
  key: string,
  now: Date = new Date(),
): Promise<RateLimitDecision> {
  const pos = windowAt(now, rule.windowMs);
  const count = await countRateLimitHit(db, {
    bucket: rule.bucket,
    key: normaliseKey(key),
    windowStart: pos.windowStart,
    previousWindowStart: pos.previousWindowStart,
  });
  return decide(rule, pos, count);
}

/**
 * Counts `key` against every rule given (all are counted, even after one refuses) and returns the longest wait,
 * or `{ allowed: true }` when all allow.
 */
export async function hitRateLimits(
  db: Db,
  hits: { rule: RateLimitRule; key: string }[],
  now: Date = new Date(),
): Promise<RateLimitDecision> {
  let wait = 0;
  for (const { rule, key } of hits) {
    const decision = await hitRateLimit(db, rule, key, now);
    if (!decision.allowed) wait = Math.max(wait, decision.retryAfterSeconds);
  }
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

/** Gives back a hit counted at `at` (for limits that count only failures, such as sign-in). */
export async function refundRateLimit(db: Db, rule: RateLimitRule, key: string, at: Date): Promise<void> {
  const { windowStart } = windowAt(at, rule.windowMs);
  await refundRateLimitHit(db, { bucket: rule.bucket, key: normaliseKey(key), windowStart });
}

/** Keys are compared case-insensitively (addresses) and bounded (a hostile header cannot bloat the table). */
function normaliseKey(key: string): string {
  return key.trim().toLowerCase().slice(0, 320);
}
