import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { imports, invitations, manualScores, memberships } from "@/db/schema";

/** The first-run checklist's steps, each done or not, and whether the organisation holds sample data. */
export type OnboardingProgress = {
  azure: boolean;
  m365: boolean;
  colleague: boolean;
  points: boolean;
  /** Sample imports that succeeded or are still on their way. */
  sample: "none" | "loading" | "loaded";
  /** Imports of real files that hold (or may yet hold) data. */
  realData: boolean;
};

const LIVE = ["uploaded", "validating", "awaiting_confirmation", "succeeded"] as const;

export async function onboardingProgress(db: Db, organizationId: string): Promise<OnboardingProgress> {
  const byImport = await db
    .select({ source: imports.source, status: imports.status, sample: imports.sample, n: count() })
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), inArray(imports.status, [...LIVE])))
    .groupBy(imports.source, imports.status, imports.sample);
  const done = (source: "azure" | "m365") => byImport.some((r) => r.source === source && r.status === "succeeded");
  const sampleRows = byImport.filter((r) => r.sample);
  const [members] = await db
    .select({ n: count() })
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId));
  const [invited] = await db
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), isNull(invitations.revokedAt)));
  const metrics = await db
    .selectDistinct({ metric: manualScores.metric })
    .from(manualScores)
    .where(eq(manualScores.organizationId, organizationId));
  const entered = new Set(metrics.map((m) => m.metric));
  return {
    azure: done("azure"),
    m365: done("m365"),
    colleague: (members?.n ?? 0) > 1 || (invited?.n ?? 0) > 0,
    // Skilling and at least one Customer Success metric (Deployments or Usage growth).
    points: entered.has("skilling") && (entered.has("deployments") || entered.has("usageGrowth")),
    sample:
      sampleRows.length === 0
        ? "none"
        : sampleRows.some((r) => r.status !== "succeeded" && r.status !== "awaiting_confirmation")
          ? "loading"
          : "loaded",
    realData: byImport.some((r) => !r.sample),
  };
}
