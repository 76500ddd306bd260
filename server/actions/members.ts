import { z } from "zod";
import { countAdmins, deleteMembership, findMember, setMemberRole } from "@/db/queries/memberships";
import { lockOrganization } from "@/db/queries/organizations";
import { roles } from "@/lib/permissions";
import { ActionFailure, defineOrgAction, personOf } from "../org-action";

const memberId = z.uuid("Choose a member.");

export const LAST_ADMIN_MESSAGES = {
  demote: "An organisation must keep at least one admin: make someone else an admin before changing this role.",
  remove: "An organisation must keep at least one admin: make someone else an admin before removing this one.",
  leave: "You are the only admin: make someone else an admin before leaving this organisation.",
} as const;

const notAMember = () => new ActionFailure("not_found", "That person is not a member of this organisation.");

export const changeMemberRoleAction = defineOrgAction({
  name: "members.changeRole",
  permission: "members.changeRole",
  input: z.object({ userId: memberId, role: z.enum(roles, "Choose a role.") }),
  handler: async (tx, { org, input }) => {
    await lockOrganization(tx, org.id);
    const member = await findMember(tx, org.id, input.userId);
    if (!member) throw notAMember();
    if (member.role === input.role) return { result: { role: member.role }, audit: null };
    if (member.role === "admin" && (await countAdmins(tx, org.id)) <= 1) {
      throw new ActionFailure("conflict", LAST_ADMIN_MESSAGES.demote);
    }
    await setMemberRole(tx, org.id, member.userId, input.role);
    return {
      result: { role: input.role },
      audit: {
        objectType: "membership",
        objectId: member.userId,
        before: { email: member.email, role: member.role },
        after: { email: member.email, role: input.role },
      },
    };
  },
});

export const removeMemberAction = defineOrgAction({
  name: "members.remove",
  permission: "members.remove",
  input: z.object({ userId: memberId }),
  handler: async (tx, { org, input }) => {
    await lockOrganization(tx, org.id);
    const member = await findMember(tx, org.id, input.userId);
    if (!member) throw notAMember();
    if (member.role === "admin" && (await countAdmins(tx, org.id)) <= 1) {
      throw new ActionFailure("conflict", LAST_ADMIN_MESSAGES.remove);
    }
    await deleteMembership(tx, org.id, member.userId);
    return {
      result: { removed: member.userId },
      audit: {
        objectType: "membership",
        objectId: member.userId,
        before: { email: member.email, role: member.role },
        after: null,
      },
    };
  },
});

export const leaveOrganizationAction = defineOrgAction({
  name: "membership.leave",
  permission: "membership.leave",
  input: z.object({}),
  handler: async (tx, scope) => {
    const { org, role } = scope;
    const user = personOf(scope);
    await lockOrganization(tx, org.id);
    if (role === "admin" && (await countAdmins(tx, org.id)) <= 1) {
      throw new ActionFailure("conflict", LAST_ADMIN_MESSAGES.leave);
    }
    await deleteMembership(tx, org.id, user.id);
    return {
      result: { left: org.slug },
      audit: { objectType: "membership", objectId: user.id, before: { email: user.email, role }, after: null },
    };
  },
});
