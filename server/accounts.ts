import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Organization, User } from "@/db/schema";
import { appendAudit } from "@/db/queries/audit-log";
import { createOrganization } from "@/db/queries/organizations";
import { findUserByEmail, insertUser, publicUser, replacePassword } from "@/db/queries/users";
import { RATE_LIMITS, retryText } from "@/lib/auth/rate-limits";
import type { changePasswordSchema, FieldErrors, signUpSchema } from "@/lib/auth/schemas";
import { accountExistsMail, verificationMail, type MailContext } from "./account-mail";
import { issueVerificationToken } from "./email-verification";
import { hashPassword, verifyPassword } from "./passwords";
import { hitRateLimit } from "./rate-limit";

/** Account-level operations (no organisation yet, or about the user themself). */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export type AccountResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: FieldErrors };

export type SignUpOutcome = { email: string };

/**
 * Sign-up answers the same whether or not the address has an account (issue 12, finding 7): a new address gets
 * the account, its organisation and a verification link; a known one gets no second account, and its owner an
 * e-mail saying someone tried. The password is hashed either way, so the time taken tells nothing either; mail
 * goes out through `mail.send`, which the action runs after the response.
 * Throttled per IP (the form says so) and per address (silently: the same answer, no e-mail).
 */
export async function signUp(
  db: Db,
  input: z.output<typeof signUpSchema>,
  meta: RequestMeta,
  mail: MailContext,
  now: Date = new Date(),
): Promise<AccountResult<SignUpOutcome>> {
  const byIp = await hitRateLimit(db, RATE_LIMITS.signUpPerIp, meta.ip ?? "unknown", now);
  if (!byIp.allowed) return { ok: false, message: tooManyMessage(byIp.retryAfterSeconds) };
  const answer = { ok: true, data: { email: input.email } } as const;
  const byAddress = await hitRateLimit(db, RATE_LIMITS.signUpPerEmail, input.email, now);
  if (!byAddress.allowed) return answer;

  const passwordHash = await hashPassword(input.password);
  if (await findUserByEmail(db, input.email)) {
    await mail.send(accountExistsMail(mail.origin, input.email));
    return answer;
  }
  let created: { user: User; token: string };
  try {
    created = await db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
      const org = await createOrganization(tx, input.organizationName, user.id);
      const actor = publicUser(user);
      await appendAudit(tx, {
        organizationId: org.id,
        actor,
        action: "user.signUp",
        objectType: "user",
        objectId: user.id,
        after: actor,
        ...meta,
      });
      await appendAudit(tx, {
        organizationId: org.id,
        actor,
        action: "org.create",
        objectType: "organization",
        objectId: org.id,
        after: { name: org.name, slug: org.slug },
        ...meta,
      });
      const token = await issueVerificationToken(tx, user, now);
      return { user, token };
    });
  } catch (err) {
    // Two sign-ups racing for one address: the unique index decides, the loser is a "known address".
    if (!isUniqueViolation(err)) throw err;
    await mail.send(accountExistsMail(mail.origin, input.email));
    return answer;
  }
  await mail.send(verificationMail(mail.origin, created.user.email, created.token));
  return answer;
}

export function tooManyMessage(retryAfterSeconds: number): string {
  return `Too many requests from your network. For everyone's security, please try again in ${retryText(retryAfterSeconds)}.`;
}

/** A further organisation for a signed-in user, who becomes its admin. */
export async function createOrganizationFor(
  db: Db,
  user: User,
  name: string,
  meta: RequestMeta,
): Promise<Organization> {
  return db.transaction(async (tx) => {
    const org = await createOrganization(tx, name, user.id);
    await appendAudit(tx, {
      organizationId: org.id,
      actor: publicUser(user),
      action: "org.create",
      objectType: "organization",
      objectId: org.id,
      after: { name: org.name, slug: org.slug },
      ...meta,
    });
    return org;
  });
}

/**
 * Replaces the password after checking the current one. The sessionVersion bump ends every other
 * session; the caller re-issues the current session's cookie with the new version.
 */
export async function changePassword(
  db: Db,
  user: User,
  input: z.output<typeof changePasswordSchema>,
  meta: RequestMeta,
): Promise<AccountResult<{ sessionVersion: number }>> {
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const message = "That is not your current password.";
    return { ok: false, message, fieldErrors: { currentPassword: [message] } };
  }
  const newHash = await hashPassword(input.newPassword);
  const updated = await db.transaction(async (tx) => {
    const row = await replacePassword(tx, user.id, newHash);
    await appendAudit(tx, {
      organizationId: null,
      actor: publicUser(user),
      action: "user.changePassword",
      objectType: "user",
      objectId: user.id,
      after: { sessionsEnded: true },
      ...meta,
    });
    return row;
  });
  return { ok: true, data: { sessionVersion: updated.sessionVersion } };
}

export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
