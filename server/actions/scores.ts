import { z } from "zod";
import { findManualScore, saveManualScore } from "@/db/queries/manual-scores";
import { MANUAL_METRICS, METRIC_MAXIMUM, type ManualMetric } from "@/lib/pcs-total";
import { defineOrgAction, personOf, type OrgAuditEntry } from "../org-action";
import { monthSchema as month } from "@/lib/month-schema";

/** A points field of the form: empty clears the metric, otherwise whole points from 0 to the metric's maximum. */
const points = (max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce
      .number({ error: "Enter a number of points." })
      .int("Whole points only.")
      .min(0, "Points cannot be negative.")
      .max(max, `At most ${max} points.`)
      .nullable(),
  );

/**
 * Skilling and Customer Success points for one track and data month, typed in by an admin or analyst. Each
 * changed metric gets its own audit entry with the value before and after.
 */
export const enterManualScoresAction = defineOrgAction({
  name: "scores.enterManual",
  permission: "scores.enterManual",
  input: z.object({
    month,
    track: z.enum(["enterprise", "smb"], { error: "Choose Enterprise or SMB." }),
    skilling: points(METRIC_MAXIMUM.skilling),
    deployments: points(METRIC_MAXIMUM.deployments),
    usageGrowth: points(METRIC_MAXIMUM.usageGrowth),
  }),
  handler: async (tx, scope) => {
    const { org, input } = scope;
    const user = personOf(scope);
    const audit: OrgAuditEntry[] = [];
    for (const metric of MANUAL_METRICS) {
      const key = { organizationId: org.id, month: input.month, track: input.track, metric };
      const before = (await findManualScore(tx, key))?.points ?? null;
      const after = input[metric as ManualMetric];
      if (before === after) continue;
      await saveManualScore(tx, key, after, user.id);
      audit.push({
        objectType: "manual_score",
        objectId: `${input.month}/${input.track}/${metric}`,
        before: { points: before },
        after: { points: after },
      });
    }
    return { result: { changed: audit.length }, audit: audit.length > 0 ? audit : null };
  },
});
