import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Organization, User } from "@/db/schema";
import { appendAudit } from "@/db/queries/audit-log";
import { createOrganization } from "@/db/queries/organizations";
import { findUserByEmail, insertUser, publicUser, replacePassword } from "@/db/queries/users";
import type { changePasswordSchema, FieldErrors, signUpSchema } from "@/lib/auth/schemas";
import { hashPassword, verifyPassword } from "./passwords";

/** Account-level operations (no organisation yet, or about the user themself). */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export type AccountResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: FieldErrors };

export const EMAIL_TAKEN = "An account with this e-mail address already exists. Sign in instead.";

/** Creates the user, their first organisation and their admin membership — all or nothing. */
export async function signUp(
  db: Db,
  input: z.output<typeof signUpSchema>,
  meta: RequestMeta,
): Promise<AccountResult<{ user: User; org: Organization }>> {
  if (await findUserByEmail(db, input.email))
    return { ok: false, message: EMAIL_TAKEN, fieldErrors: { email: [EMAIL_TAKEN] } };
  const passwordHash = await hashPassword(input.password);
  try {
    const data = await db.transaction(async (tx) => {
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
      return { user, org };
    });
    return { ok: true, data };
  } catch (err) {
    // Two sign-ups racing for one address: the unique index decides, the loser gets the same message.
    if (isUniqueViolation(err)) return { ok: false, message: EMAIL_TAKEN, fieldErrors: { email: [EMAIL_TAKEN] } };
    throw err;
  }
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

/**
 * The local account for someone who signed in through Microsoft Entra ID: matched by e-mail,
 * created (without a password) on first sign-in. Safe only with a single-tenant issuer: see docs/auth.md.
 */
export async function findOrCreateExternalUser(
  db: Db,
  profile: { email: string; name: string },
  meta: RequestMeta,
): Promise<User> {
  const email = profile.email.trim().toLowerCase();
  const existing = await findUserByEmail(db, email);
  if (existing) return existing;
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, { email, name: profile.name.slice(0, 100) || email, passwordHash: null });
      await appendAudit(tx, {
        organizationId: null,
        actor: publicUser(user),
        action: "user.signUp",
        objectType: "user",
        objectId: user.id,
        after: { ...publicUser(user), provider: "microsoft-entra-id" },
        ...meta,
      });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return (await findUserByEmail(db, email))!;
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
