import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import { findAccountToken, issueAccountToken, spendAccountToken } from "@/db/queries/account-tokens";
import { appendAudit } from "@/db/queries/audit-log";
import {
  deleteExternalIdentity,
  findExternalIdentity,
  insertExternalIdentity,
  listExternalIdentities,
  touchExternalIdentity,
} from "@/db/queries/external-identities";
import { findUserByEmail, findUserById, insertUser, markEmailVerified, publicUser } from "@/db/queries/users";
import type { ExternalClaims } from "@/lib/auth/external-claims";
import type { AccountResult, RequestMeta } from "./accounts";
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from "./secret-token";

/**
 * Sign-in through an outside provider (Microsoft Entra ID). The identity is the provider's issuer + subject,
 * never the e-mail it asserts (issue 12, finding 1): someone who signed up with a password under another
 * person's address must not receive that person when they sign in with Microsoft. An identity reaches an
 * account in exactly three ways:
 *  - it was linked before (issuer + subject found);
 *  - no account has the address, and the provider says the address is verified: a new, verified account;
 *  - an account has the address, and BOTH sides have verified it: linked automatically. (An account that has
 *    neither a password nor any linked identity — made by Microsoft sign-in before identities were kept — can
 *    be signed into by nobody, so the verified claim is enough to take it up.)
 * Anything else is refused, and the person is told to sign in with their password and link Microsoft from the
 * account page (the link flow below), which needs a verified account.
 */
export type ExternalSignInRefusal = "link_required" | "link_failed" | "identity_taken" | "no_email";
export type ExternalSignIn = { ok: true; user: User } | { ok: false; reason: ExternalSignInRefusal };

/** Minutes a started link stays open: long enough for Microsoft's sign-in pages. */
export const LINK_TTL_MS = 10 * 60_000;
export const PROVIDER = "microsoft-entra-id";

export async function resolveExternalSignIn(
  db: Db,
  claims: ExternalClaims,
  linkToken: string | null,
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<ExternalSignIn> {
  if (linkToken) return linkFromAccount(db, claims, linkToken, meta, now);
  return db.transaction(async (tx): Promise<ExternalSignIn> => {
    const known = await findExternalIdentity(tx, claims.issuer, claims.subject);
    if (known) {
      await touchExternalIdentity(tx, known.id, now);
      let user = await findUserById(tx, known.userId);
      if (!user) return { ok: false, reason: "link_failed" };
      if (!user.emailVerifiedAt && claims.emailVerified && claims.email === user.email) {
        user = (await markEmailVerified(tx, user.id, user.email, now)) ?? user;
      }
      return { ok: true, user };
    }
    if (!claims.email) return { ok: false, reason: "no_email" };
    if (!claims.emailVerified) return { ok: false, reason: "link_required" };
    const existing = await findUserByEmail(tx, claims.email);
    if (!existing) {
      const user = await insertUser(tx, {
        email: claims.email,
        name: claims.name?.slice(0, 100) || claims.email,
        passwordHash: null,
        emailVerifiedAt: now,
      });
      await attach(tx, user, claims, meta, now, "user.signUp");
      return { ok: true, user };
    }
    const orphan = existing.passwordHash === null && (await listExternalIdentities(tx, existing.id)).length === 0;
    if (!existing.emailVerifiedAt && !orphan) return { ok: false, reason: "link_required" };
    const user = (await markEmailVerified(tx, existing.id, existing.email, now)) ?? existing;
    await attach(tx, user, claims, meta, now, "user.linkIdentity");
    return { ok: true, user };
  });
}

async function attach(
  tx: Db,
  user: User,
  claims: ExternalClaims,
  meta: RequestMeta,
  now: Date,
  action: "user.signUp" | "user.linkIdentity",
): Promise<void> {
  const identity = await insertExternalIdentity(
    tx,
    { userId: user.id, issuer: claims.issuer, subject: claims.subject, email: claims.email },
    now,
  );
  // Another sign-in of the same identity won the race: the transaction rolls back and the person retries.
  if (!identity) throw new Error("This Microsoft identity was linked at the same moment; sign in again.");
  await appendAudit(tx, {
    organizationId: null,
    actor: publicUser(user),
    action,
    objectType: "user",
    objectId: user.id,
    after: { provider: PROVIDER, issuer: claims.issuer, email: claims.email },
    ...meta,
  });
}

/**
 * Starts linking from the signed-in account: a single-use token, kept in an httpOnly cookie of this browser
 * while it visits Microsoft. Only a verified account may link (so an address squatter cannot attach their own
 * identity to an account its real owner later recovers).
 */
export async function startLink(db: Db, user: User, now: Date = new Date()): Promise<AccountResult<{ token: string }>> {
  if (!user.emailVerifiedAt) {
    return { ok: false, message: "Confirm your e-mail address first; then you can link a Microsoft account." };
  }
  const { token, tokenHash } = newSecretToken();
  await issueAccountToken(
    db,
    {
      userId: user.id,
      purpose: "link_identity",
      tokenHash,
      email: user.email,
      expiresAt: new Date(now.getTime() + LINK_TTL_MS),
    },
    now,
  );
  return { ok: true, data: { token } };
}

async function linkFromAccount(
  db: Db,
  claims: ExternalClaims,
  linkToken: string,
  meta: RequestMeta,
  now: Date,
): Promise<ExternalSignIn> {
  if (!looksLikeSecretToken(linkToken)) return { ok: false, reason: "link_failed" };
  return db.transaction(async (tx): Promise<ExternalSignIn> => {
    const row = await findAccountToken(tx, "link_identity", hashSecretToken(linkToken), { lock: true });
    if (!row || row.usedAt || row.expiresAt <= now) return { ok: false, reason: "link_failed" };
    await spendAccountToken(tx, row.id, now);
    const user = await findUserById(tx, row.userId);
    if (!user?.emailVerifiedAt) return { ok: false, reason: "link_failed" };
    const known = await findExternalIdentity(tx, claims.issuer, claims.subject);
    if (known) return known.userId === user.id ? { ok: true, user } : { ok: false, reason: "identity_taken" };
    await attach(tx, user, claims, meta, now, "user.linkIdentity");
    return { ok: true, user };
  });
}

/** Removes a linked identity; refused when it is the account's only way to sign in. */
export async function unlinkIdentity(
  db: Db,
  user: User,
  identityId: string,
  meta: RequestMeta,
): Promise<AccountResult<null>> {
  return db.transaction(async (tx) => {
    const identities = await listExternalIdentities(tx, user.id);
    if (!identities.some((i) => i.id === identityId)) return { ok: false, message: "That sign-in is not linked." };
    if (!user.passwordHash && identities.length === 1) {
      return {
        ok: false,
        message: "This is your only way to sign in. Set a password first (Forgot password on the sign-in page).",
      };
    }
    const removed = await deleteExternalIdentity(tx, user.id, identityId);
    await appendAudit(tx, {
      organizationId: null,
      actor: publicUser(user),
      action: "user.unlinkIdentity",
      objectType: "user",
      objectId: user.id,
      before: { provider: PROVIDER, issuer: removed?.issuer, email: removed?.email },
      ...meta,
    });
    return { ok: true, data: null };
  });
}
