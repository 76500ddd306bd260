import { z } from "zod";
import { updateOrganizationRules } from "@/db/queries/organization-rules";
import { M365_BASES, findRuleSet } from "@/lib/scoring";
import { enqueueJob } from "../jobs/queue";
import { defineOrgAction } from "../org-action";

/**
 * Changes the rule set or the M365 basis. The recompute is queued in the same transaction, so every snapshot is
 * brought up to date with the new settings exactly when the change commits.
 */
export const changeRulesAction = defineOrgAction({
  name: "org.changeRules",
  permission: "org.settings",
  input: z.object({
    ruleSet: z.string().refine((id) => findRuleSet(id) !== undefined, "Choose one of the rule sets."),
    m365Basis: z.enum(M365_BASES as [string, ...string[]], { error: "Choose a Microsoft 365 basis." }),
  }),
  handler: async (tx, { org, input }) => {
    const before = { ruleSet: org.ruleSet, m365Basis: org.m365Basis };
    if (before.ruleSet === input.ruleSet && before.m365Basis === input.m365Basis) {
      return { result: { changed: false }, audit: null };
    }
    await updateOrganizationRules(tx, org.id, input);
    await enqueueJob(tx, { kind: "snapshots.recompute", organizationId: org.id, dedupeKey: `recompute:${org.id}` });
    return { result: { changed: true }, audit: { objectType: "organization", objectId: org.id, before, after: input } };
  },
});
