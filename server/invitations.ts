import type { Db } from "@/db/client";
import type { Invitation, Organization, User } from "@/db/schema";
import { appendAudit } from "@/db/queries/audit-log";
import { findInvitationByTokenHash, markInvitationAccepted } from "@/db/queries/invitations";
import { findMember, insertMembership } from "@/db/queries/memberships";
import { findUserByEmail, insertUser, publicUser } from "@/db/queries/users";
import { invitationStatus, type InvitationStatus } from "@/lib/invitations/status";
import { RATE_LIMITS } from "@/lib/auth/rate-limits";
import { tooManyMessage, type AccountResult, type RequestMeta } from "./accounts";
import { hashInvitationToken, looksLikeInvitationToken } from "./invitation-token";
import { hashPassword } from "./passwords";
import { hitRateLimit } from "./rate-limit";

export const VERIFY_FIRST =
  "Confirm your e-mail address before joining an organisation: follow the link we sent you, or ask for a new one.";

/** The accepting side of invitations: what a link is worth, and joining through it. */
export type InvitationView =
  | { status: "invalid" }
  | { status: InvitationStatus; invitation: Invitation; org: Organization; accountExists: boolean };

export async function inspectInvitation(db: Db, token: string, now: Date = new Date()): Promise<InvitationView> {
  if (!looksLikeInvitationToken(token)) return { status: "invalid" };
  const found = await findInvitationByTokenHash(db, hashInvitationToken(token));
  if (!found) return { status: "invalid" };
  const accountExists = Boolean(await findUserByEmail(db, found.invitation.email));
  return { status: invitationStatus(found.invitation, now), ...found, accountExists };
}

const refusal: Record<Exclude<InvitationStatus, "pending">, string> = {
  expired: "This invitation has expired. Ask an admin of the organisation to send it again.",
  revoked: "This invitation was withdrawn by an admin of the organisation.",
  accepted: "This invitation has already been used.",
};

/** Locks the invitation row, so one link can never be used twice, even by two clicks at once. */
async function lockPending(tx: Db, token: string, now: Date) {
  if (!looksLikeInvitationToken(token)) return { error: "This invitation link is not valid." } as const;
  const found = await findInvitationByTokenHash(tx, hashInvitationToken(token), { lock: true });
  if (!found) return { error: "This invitation link is not valid." } as const;
  const status = invitationStatus(found.invitation, now);
  if (status !== "pending") return { error: refusal[status] } as const;
  return found;
}

async function join(tx: Db, invitation: Invitation, org: Organization, user: User, meta: RequestMeta, now: Date) {
  await insertMembership(tx, org.id, user.id, invitation.role);
  await markInvitationAccepted(tx, invitation.id, user.id, now);
  await appendAudit(tx, {
    organizationId: org.id,
    actor: publicUser(user),
    action: "invitations.accept",
    objectType: "membership",
    objectId: user.id,
    after: { email: user.email, role: invitation.role, invitationId: invitation.id },
    ...meta,
  });
}

/** A signed-in user accepts: the invitation must be pending and addressed to their e-mail. */
export async function acceptInvitation(
  db: Db,
  token: string,
  user: User,
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<AccountResult<{ org: Organization }>> {
  const limit = await hitRateLimit(db, RATE_LIMITS.invitationAcceptPerIp, meta.ip ?? "unknown", now);
  if (!limit.allowed) return { ok: false, message: tooManyMessage(limit.retryAfterSeconds) };
  // The address must be proven before it can join anything: otherwise whoever signed up with someone else's
  // address first would receive that person's invitations (issue 12, finding 1).
  if (!user.emailVerifiedAt) return { ok: false, message: VERIFY_FIRST };
  return db.transaction(async (tx) => {
    const found = await lockPending(tx, token, now);
    if ("error" in found) return { ok: false, message: found.error! };
    const { invitation, org } = found;
    if (invitation.email !== user.email) {
      return { ok: false, message: `This invitation is for ${invitation.email}; you are signed in as ${user.email}.` };
    }
    if (await findMember(tx, org.id, user.id)) {
      await markInvitationAccepted(tx, invitation.id, user.id, now);
      return { ok: true, data: { org } };
    }
    await join(tx, invitation, org, user, meta, now);
    return { ok: true, data: { org } };
  });
}

/** Someone without an account accepts: the account (with the invitation's e-mail) and the membership, in one transaction. */
export async function signUpWithInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string },
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<AccountResult<{ org: Organization; user: User }>> {
  const limit = await hitRateLimit(db, RATE_LIMITS.invitationAcceptPerIp, meta.ip ?? "unknown", now);
  if (!limit.allowed) return { ok: false, message: tooManyMessage(limit.retryAfterSeconds) };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const found = await lockPending(tx, token, now);
    if ("error" in found) return { ok: false, message: found.error! };
    const { invitation, org } = found;
    if (await findUserByEmail(tx, invitation.email)) {
      return {
        ok: false,
        message: `An account for ${invitation.email} already exists: sign in to accept (or reset its password by e-mail first).`,
      };
    }
    // The invitation link went to this address and only its holder has it: that proves the address.
    const user = await insertUser(tx, {
      email: invitation.email,
      name: input.name,
      passwordHash,
      emailVerifiedAt: now,
    });
    await appendAudit(tx, {
      organizationId: org.id,
      actor: publicUser(user),
      action: "user.signUp",
      objectType: "user",
      objectId: user.id,
      after: publicUser(user),
      ...meta,
    });
    await join(tx, invitation, org, user, meta, now);
    return { ok: true, data: { org, user } };
  });
}
