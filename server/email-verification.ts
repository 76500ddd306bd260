import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import { findAccountToken, issueAccountToken, spendAccountToken } from "@/db/queries/account-tokens";
import { appendAudit } from "@/db/queries/audit-log";
import { markEmailVerified, publicUser } from "@/db/queries/users";
import { RATE_LIMITS } from "@/lib/auth/rate-limits";
import { VERIFICATION_TTL_MS, verificationMail, type MailContext } from "./account-mail";
import type { AccountResult, RequestMeta } from "./accounts";
import { hitRateLimit } from "./rate-limit";
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from "./secret-token";

/**
 * E-mail verification: a single-use link, valid for 24 hours, to the account's address. Until it is followed
 * the person can sign in but sees no organisation's data and cannot accept invitations (server/session.ts,
 * server/org-action.ts, server/invitations.ts).
 */

/** Stores a new verification token (withdrawing older ones) and returns the raw token for the link. */
export async function issueVerificationToken(db: Db, user: User, now: Date = new Date()): Promise<string> {
  const { token, tokenHash } = newSecretToken();
  await issueAccountToken(
    db,
    {
      userId: user.id,
      purpose: "verify_email",
      tokenHash,
      email: user.email,
      expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS),
    },
    now,
  );
  return token;
}

export const RESEND_LIMITED =
  "A verification e-mail was sent a moment ago. Check your inbox (and spam folder), or try again later.";

/** "Resend": a new link for a signed-in, unverified user; at most 3 an hour per account. */
export async function resendVerification(
  db: Db,
  user: User,
  mail: MailContext,
  now: Date = new Date(),
): Promise<AccountResult<{ sent: boolean }>> {
  if (user.emailVerifiedAt) return { ok: true, data: { sent: false } };
  const limit = await hitRateLimit(db, RATE_LIMITS.verificationMailPerUser, user.id, now);
  if (!limit.allowed) return { ok: false, message: RESEND_LIMITED };
  const token = await issueVerificationToken(db, user, now);
  const sent = await mail.send(verificationMail(mail.origin, user.email, token));
  return { ok: true, data: { sent } };
}

export type VerificationLinkState = "valid" | "invalid" | "expired" | "used";

/** What a verification link is worth, for its page (nothing is spent: mail scanners may open links). */
export async function inspectVerificationLink(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<VerificationLinkState> {
  if (!looksLikeSecretToken(token)) return "invalid";
  const row = await findAccountToken(db, "verify_email", hashSecretToken(token));
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  return row.expiresAt <= now ? "expired" : "valid";
}

const LINK_PROBLEM: Record<Exclude<VerificationLinkState, "valid">, string> = {
  invalid: "This verification link is not valid. Check that you copied all of it.",
  expired: "This verification link has expired. Sign in and ask for a new one.",
  used: "This verification link has already been used, or a newer one was sent. Sign in to continue.",
};

/** Follows the link (a button press, not the GET): marks the address verified, once. */
export async function verifyEmail(
  db: Db,
  token: string,
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<AccountResult<{ user: User }>> {
  if (!looksLikeSecretToken(token)) return { ok: false, message: LINK_PROBLEM.invalid };
  return db.transaction(async (tx) => {
    const row = await findAccountToken(tx, "verify_email", hashSecretToken(token), { lock: true });
    if (!row) return { ok: false, message: LINK_PROBLEM.invalid };
    if (row.usedAt) return { ok: false, message: LINK_PROBLEM.used };
    if (row.expiresAt <= now) return { ok: false, message: LINK_PROBLEM.expired };
    await spendAccountToken(tx, row.id, now);
    const user = await markEmailVerified(tx, row.userId, row.email, now);
    if (!user) return { ok: false, message: LINK_PROBLEM.invalid };
    await appendAudit(tx, {
      organizationId: null,
      actor: publicUser(user),
      action: "user.verifyEmail",
      objectType: "user",
      objectId: user.id,
      after: { email: user.email },
      ...meta,
    });
    return { ok: true, data: { user } };
  });
}
