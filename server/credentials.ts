import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import { markSignInSucceeded, reserveSignInAttempt } from "@/db/queries/sign-in-attempts";
import { findUserByEmail } from "@/db/queries/users";
import { verifyPassword } from "./passwords";

/** Failed password sign-ins allowed per window: per account, and per IP address. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
/**
 * Attempts are kept this long, then pruned by the background worker: rate limiting reads only the last
 * SIGN_IN_WINDOW_MS, and a month is enough to look into a burst of failures afterwards.
 */
export const SIGN_IN_ATTEMPT_RETENTION_MS = 30 * 24 * 60 * 60_000;

export type RateLimited = { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export type CredentialsCheck = { ok: true; user: User } | { ok: false; reason: "invalid" } | RateLimited;

/**
 * Reserves one attempt for the account and the address (atomically, counted as a failure until it succeeds),
 * or says how long the caller must wait. Used for the password and for the second factor's code alike.
 */
export async function reserveAttempt(
  db: Db,
  who: { email: string; ip: string },
  now: Date,
): Promise<{ ok: true; id: string } | RateLimited> {
  const reservation = await reserveSignInAttempt(
    db,
    { email: who.email.trim().toLowerCase(), ip: who.ip },
    {
      since: new Date(now.getTime() - SIGN_IN_WINDOW_MS),
      perAccount: MAX_FAILURES_PER_ACCOUNT,
      perIp: MAX_FAILURES_PER_IP,
    },
    now,
  );
  if (reservation.ok) return reservation;
  return {
    ok: false,
    reason: "rate_limited",
    retryAfterSeconds: Math.max(60, Math.ceil((reservation.freeAt.getTime() - now.getTime()) / 1000)),
  };
}

/**
 * Checks an e-mail and password. The attempt is reserved before the password is looked at, so a limited account
 * or address is refused without running argon2, and parallel guesses cannot all slip past one count.
 */
export async function checkCredentials(
  db: Db,
  attempt: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<CredentialsCheck> {
  const email = attempt.email.trim().toLowerCase();
  const reserved = await reserveAttempt(db, { email, ip: attempt.ip }, now);
  if (!reserved.ok) return reserved;

  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (!valid || !user) return { ok: false, reason: "invalid" };
  await markSignInSucceeded(db, reserved.id);
  return { ok: true, user };
}

export function rateLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-in attempts. For your security, signing in is paused — try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
