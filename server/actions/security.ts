import { z } from "zod";
import { organizationRequiresTwoFactor, setOrganizationRequiresTwoFactor } from "@/db/queries/two-factor";
import { defineOrgAction } from "../org-action";

/**
 * An admin requires (or stops requiring) two-factor authentication of every member. Members whose session has
 * not shown a second factor are then sent to set one up before they see the organisation's data
 * (server/two-factor-policy.ts); Microsoft sign-in counts as shown.
 */
export const requireTwoFactorAction = defineOrgAction({
  name: "org.requireTwoFactor",
  permission: "org.settings",
  input: z.object({ required: z.enum(["true", "false"]).transform((v) => v === "true") }),
  handler: async (tx, { org, input }) => {
    const before = await organizationRequiresTwoFactor(tx, org.id);
    await setOrganizationRequiresTwoFactor(tx, org.id, input.required);
    return {
      result: { required: input.required },
      audit: {
        objectType: "organization",
        objectId: org.id,
        before: { requireTwoFactor: before },
        after: { requireTwoFactor: input.required },
      },
    };
  },
});
