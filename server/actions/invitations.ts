import { z } from "zod";
import { findMember } from "@/db/queries/memberships";
import {
  findOpenInvitationFor,
  findOrgInvitation,
  insertInvitation,
  markInvitationRevoked,
  replaceInvitationToken,
} from "@/db/queries/invitations";
import { findUserByEmail } from "@/db/queries/users";
import { emailSchema } from "@/lib/auth/schemas";
import { invitationExpiry, invitationStatus } from "@/lib/invitations/status";
import { roles } from "@/lib/permissions";
import { newInvitationToken } from "../invitation-token";
import { ActionFailure, defineOrgAction, personOf } from "../org-action";

/**
 * Invitations: create, resend (a new token and 7 more days) and revoke. The raw token is returned
 * to the caller once, to e-mail or show; the database and the audit log only ever see its hash.
 */
const invitationId = z.uuid("Choose an invitation.");

export const createInvitationAction = defineOrgAction({
  name: "invitations.create",
  permission: "invitations.manage",
  input: z.object({ email: emailSchema, role: z.enum(roles, "Choose a role.") }),
  handler: async (tx, scope) => {
    const { org, input } = scope;
    const user = personOf(scope);
    const existing = await findUserByEmail(tx, input.email);
    if (existing && (await findMember(tx, org.id, existing.id))) {
      throw new ActionFailure("conflict", `${input.email} is already a member of this organisation.`);
    }
    if (await findOpenInvitationFor(tx, org.id, input.email)) {
      throw new ActionFailure("conflict", `${input.email} already has an invitation: resend it from the list below.`);
    }
    const { token, tokenHash } = newInvitationToken();
    const inv = await insertInvitation(tx, {
      organizationId: org.id,
      email: input.email,
      role: input.role,
      tokenHash,
      invitedBy: user.id,
      expiresAt: invitationExpiry(),
    });
    return {
      result: { invitationId: inv.id, email: inv.email, token },
      audit: {
        objectType: "invitation",
        objectId: inv.id,
        after: { email: inv.email, role: inv.role, expiresAt: inv.expiresAt },
      },
    };
  },
});

export const resendInvitationAction = defineOrgAction({
  name: "invitations.resend",
  permission: "invitations.manage",
  input: z.object({ invitationId }),
  handler: async (tx, { org, input }) => {
    const inv = await findOrgInvitation(tx, org.id, input.invitationId);
    if (!inv) throw new ActionFailure("not_found", "That invitation does not exist.");
    const status = invitationStatus(inv);
    if (status === "accepted" || status === "revoked")
      throw new ActionFailure("conflict", `That invitation was already ${status}.`);
    const { token, tokenHash } = newInvitationToken();
    const expiresAt = invitationExpiry();
    await replaceInvitationToken(tx, inv.id, tokenHash, expiresAt);
    return {
      result: { invitationId: inv.id, email: inv.email, token },
      audit: {
        objectType: "invitation",
        objectId: inv.id,
        before: { expiresAt: inv.expiresAt },
        after: { email: inv.email, expiresAt },
      },
    };
  },
});

export const revokeInvitationAction = defineOrgAction({
  name: "invitations.revoke",
  permission: "invitations.manage",
  input: z.object({ invitationId }),
  handler: async (tx, { org, input }) => {
    const inv = await findOrgInvitation(tx, org.id, input.invitationId);
    if (!inv) throw new ActionFailure("not_found", "That invitation does not exist.");
    const status = invitationStatus(inv);
    if (status === "accepted" || status === "revoked")
      throw new ActionFailure("conflict", `That invitation was already ${status}.`);
    await markInvitationRevoked(tx, inv.id, new Date());
    return {
      result: { invitationId: inv.id },
      audit: {
        objectType: "invitation",
        objectId: inv.id,
        before: { email: inv.email, role: inv.role },
        after: { revoked: true },
      },
    };
  },
});
