/**
 * Rate-limit rules and the sliding-window arithmetic (pure; the counting itself is one SQL statement in
 * db/queries/rate-limits.ts, driven by server/rate-limit.ts).
 *
 * A limit counts every request in fixed windows and weighs the previous window by how much of it still lies
 * within the last `windowMs` ("sliding window counter"): a burst at the end of one window and the start of the
 * next cannot double the limit, and no request's timestamp needs to be stored.
 */
export type RateLimitRule = { bucket: string; limit: number; windowMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The portal's limits (docs/auth.md). Per-IP limits stop one client from trying many addresses; per-address
 * and per-account limits stop anyone from flooding one mailbox. Refused requests count as well, so a client
 * that keeps trying stays refused.
 */
export const RATE_LIMITS = {
  signUpPerIp: { bucket: "sign-up:ip", limit: 10, windowMs: HOUR },
  signUpPerEmail: { bucket: "sign-up:email", limit: 3, windowMs: HOUR },
  passwordResetPerIp: { bucket: "password-reset:ip", limit: 10, windowMs: HOUR },
  passwordResetPerEmail: { bucket: "password-reset:email", limit: 3, windowMs: HOUR },
  verificationMailPerUser: { bucket: "verification-mail:user", limit: 3, windowMs: HOUR },
  invitationAcceptPerIp: { bucket: "invitation-accept:ip", limit: 30, windowMs: 15 * MINUTE },
  /** Password confirmations on the account pages (e.g. before linking a Microsoft account). */
  reauthenticatePerUser: { bucket: "reauthenticate:user", limit: 5, windowMs: 15 * MINUTE },
  /** Every request made with one API token (issue 16), the upload routes' parts included. */
  apiTokenRequests: { bucket: "api:token", limit: 600, windowMs: MINUTE },
  /** Requests from one address with a Bearer token that is unknown, revoked or expired: stops guessing. */
  apiBadTokenPerIp: { bucket: "api:bad-token:ip", limit: 30, windowMs: 15 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;

/** Counters older than the longest rule's two windows no longer count for anything; the worker prunes them. */
export const RATE_LIMIT_RETENTION_MS =
  2 * Math.max(...Object.values(RATE_LIMITS).map((rule: RateLimitRule) => rule.windowMs));

export type WindowPosition = { windowStart: Date; previousWindowStart: Date; elapsed: number };

/** Which fixed window `now` falls in, and how far into it (0 ≤ elapsed < 1). */
export function windowAt(now: Date, windowMs: number): WindowPosition {
  const t = now.getTime();
  const start = t - (t % windowMs);
  return {
    windowStart: new Date(start),
    previousWindowStart: new Date(start - windowMs),
    elapsed: (t - start) / windowMs,
  };
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Whether the request that brought this window's count to `current` is within `limit`, given `previous`
 * requests in the window before; when not, how long until one more would be.
 */
export function decide(
  rule: Pick<RateLimitRule, "limit" | "windowMs">,
  pos: WindowPosition,
  count: { current: number; previous: number },
): RateLimitDecision {
  // Unrounded: a full previous window keeps the next one closed until enough of it has slid out.
  const weighted = count.current + count.previous * (1 - pos.elapsed);
  if (weighted <= rule.limit) return { allowed: true };
  const untilWindowEnd = (1 - pos.elapsed) * rule.windowMs;
  let waitMs: number;
  if (count.current >= rule.limit) {
    // Over the limit within this window alone: wait for the next one, and for this window's weight to fade
    // until one more request fits (1 + current × (1 − elapsed) ≤ limit).
    waitMs = untilWindowEnd + rule.windowMs * Math.max(0, 1 - (rule.limit - 1) / count.current);
  } else {
    // The previous window's weight is what is in the way: wait until one more request fits.
    const fadeTo = 1 - (rule.limit - count.current - 1) / count.previous;
    waitMs = Math.max(0, fadeTo - pos.elapsed) * rule.windowMs;
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** "try again in N minutes", for the forms. */
export function retryText(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
