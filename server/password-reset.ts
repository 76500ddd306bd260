import type { z } from "zod";
import type { Db } from "@/db/client";
import {
  findAccountToken,
  issueAccountToken,
  spendAccountToken,
  withdrawAccountTokens,
} from "@/db/queries/account-tokens";
import { appendAudit } from "@/db/queries/audit-log";
import { findUserByEmail, findUserById, markEmailVerified, publicUser, setPasswordHash } from "@/db/queries/users";
import { passwordProblem } from "@/lib/auth/password-policy";
import { RATE_LIMITS } from "@/lib/auth/rate-limits";
import type { resetPasswordSchema } from "@/lib/auth/schemas";
import { PASSWORD_RESET_TTL_MS, passwordResetMail, type MailContext } from "./account-mail";
import { tooManyMessage, type AccountResult, type RequestMeta } from "./accounts";
import { endAllSessions } from "./end-sessions";
import { hashPassword } from "./passwords";
import { hitRateLimit } from "./rate-limit";
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from "./secret-token";

/**
 * Forgot password: a single-use link, valid for 1 hour, to the account's address. The request answers the same
 * whether or not the address has an account; setting the new password ends every session of the account and
 * counts as proof of the address (the link reached it).
 */

/**
 * Throttled per IP (the form says so) and per address (silently: the same answer, no e-mail), so nobody can
 * flood a mailbox. Mail goes through `mail.send`, which the action runs after the response.
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  meta: RequestMeta,
  mail: MailContext,
  now: Date = new Date(),
): Promise<AccountResult<{ email: string }>> {
  const byIp = await hitRateLimit(db, RATE_LIMITS.passwordResetPerIp, meta.ip ?? "unknown", now);
  if (!byIp.allowed) return { ok: false, message: tooManyMessage(byIp.retryAfterSeconds) };
  const answer = { ok: true, data: { email } } as const;
  const byAddress = await hitRateLimit(db, RATE_LIMITS.passwordResetPerEmail, email, now);
  if (!byAddress.allowed) return answer;
  const user = await findUserByEmail(db, email);
  if (!user) return answer;
  const { token, tokenHash } = newSecretToken();
  await db.transaction(async (tx) => {
    await issueAccountToken(
      tx,
      {
        userId: user.id,
        purpose: "reset_password",
        tokenHash,
        email: user.email,
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
      },
      now,
    );
    await appendAudit(tx, {
      organizationId: null,
      actor: publicUser(user),
      action: "user.requestPasswordReset",
      objectType: "user",
      objectId: user.id,
      ...meta,
    });
  });
  await mail.send(passwordResetMail(mail.origin, user.email, token));
  return answer;
}

export type ResetLinkState = "valid" | "invalid" | "expired" | "used";

/** What a reset link is worth, for its page (nothing is spent by looking). */
export async function inspectResetLink(db: Db, token: string, now: Date = new Date()): Promise<ResetLinkState> {
  if (!looksLikeSecretToken(token)) return "invalid";
  const row = await findAccountToken(db, "reset_password", hashSecretToken(token));
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  return row.expiresAt <= now ? "expired" : "valid";
}

const LINK_PROBLEM: Record<Exclude<ResetLinkState, "valid">, string> = {
  invalid: "This password-reset link is not valid. Ask for a new one.",
  expired: "This password-reset link has expired (links work for 1 hour). Ask for a new one.",
  used: "This password-reset link has already been used, or a newer one was sent. Ask for a new one.",
};

export function resetLinkProblem(state: Exclude<ResetLinkState, "valid">): string {
  return LINK_PROBLEM[state];
}

/** Sets the new password, once per link, and ends every session of the account. */
export async function resetPassword(
  db: Db,
  token: string,
  input: z.output<typeof resetPasswordSchema>,
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<AccountResult<{ email: string }>> {
  if (!looksLikeSecretToken(token)) return { ok: false, message: LINK_PROBLEM.invalid };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const row = await findAccountToken(tx, "reset_password", hashSecretToken(token), { lock: true });
    if (!row) return { ok: false, message: LINK_PROBLEM.invalid };
    if (row.usedAt) return { ok: false, message: LINK_PROBLEM.used };
    if (row.expiresAt <= now) return { ok: false, message: LINK_PROBLEM.expired };
    const user = await findUserById(tx, row.userId);
    if (!user || user.email !== row.email) return { ok: false, message: LINK_PROBLEM.invalid };
    const weak = passwordProblem(input.newPassword, { email: user.email });
    if (weak)
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: { newPassword: [weak] } };
    await spendAccountToken(tx, row.id, now);
    await withdrawAccountTokens(tx, user.id, ["reset_password"], now);
    await setPasswordHash(tx, user.id, passwordHash);
    await markEmailVerified(tx, user.id, row.email, now);
    await endAllSessions(tx, user.id);
    await appendAudit(tx, {
      organizationId: null,
      actor: publicUser(user),
      action: "user.resetPassword",
      objectType: "user",
      objectId: user.id,
      after: { sessionsEnded: true },
      ...meta,
    });
    return { ok: true, data: { email: user.email } };
  });
}
