import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import { failuresSince, recordSignInAttempt } from "@/db/queries/sign-in-attempts";
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

export type CredentialsCheck =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks an e-mail and password, counting failures in the database. A limited account or address
 * is refused before the password is even looked at, so guessing on stops paying off.
 */
export async function checkCredentials(
  db: Db,
  attempt: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<CredentialsCheck> {
  const email = attempt.email.trim().toLowerCase();
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    failuresSince(db, { email }, since),
    failuresSince(db, { ip: attempt.ip }, since),
  ]);
  const limited = [
    byAccount.failures >= MAX_FAILURES_PER_ACCOUNT ? byAccount.oldest : null,
    byIp.failures >= MAX_FAILURES_PER_IP ? byIp.oldest : null,
  ].filter((d): d is Date => d !== null);
  if (limited.length > 0) {
    const freeAt = Math.max(...limited.map((d) => d.getTime() + SIGN_IN_WINDOW_MS));
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(60, Math.ceil((freeAt - now.getTime()) / 1000)),
    };
  }

  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  await recordSignInAttempt(db, { email, ip: attempt.ip, succeeded: valid && !!user, at: now });
  return valid && user ? { ok: true, user } : { ok: false, reason: "invalid" };
}

export function rateLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-in attempts. For your security, signing in is paused — try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
