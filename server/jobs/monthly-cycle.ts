import { and, eq, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataRevisions, organizationDataStatus, organizations, scheduledRuns } from "@/db/schema";
import { findConnection, runsForMonth } from "@/db/queries/partner-center";
import { cyclePeriod, expectedDataMonth } from "@/lib/data-cycle";
import { connectorEnv } from "@/lib/env";
import { requestRefresh } from "../partner-center/refresh";
import { enqueueJob } from "./queue";

/**
 * Queues the monthly check once per period (the 20th), whichever instance gets there first; an instance that
 * starts after a missed 20th queues it at once.
 */
export async function scheduleMonthlyCycle(db: Db, now = new Date()): Promise<boolean> {
  const period = cyclePeriod(now);
  const claimed = await db
    .insert(scheduledRuns)
    .values({ name: "cycle.monthly", period })
    .onConflictDoNothing()
    .returning({ period: scheduledRuns.period });
  if (claimed.length === 0) return false;
  await enqueueJob(db, { kind: "cycle.monthly", payload: { today: now.toISOString() }, dedupeKey: `cycle:${period}` });
  return true;
}

/**
 * Recomputes every organisation's snapshots and marks those whose expected data month has not arrived. An
 * organisation with a Partner Center connection whose month has not arrived gets a refresh from Partner Center
 * (once per data month; "Refresh now" remains for a second try).
 */
export async function runMonthlyCycle(db: Db, today: Date): Promise<void> {
  const expected = expectedDataMonth(today);
  const connectorReady = connectorEnv().keys.length > 0;
  const orgs = await db.select({ id: organizations.id }).from(organizations);
  for (const org of orgs) {
    const [latest] = await db
      .select({ month: max(dataRevisions.month) })
      .from(dataRevisions)
      .where(and(eq(dataRevisions.organizationId, org.id), eq(dataRevisions.active, true)));
    const overdueMonth = latest?.month && latest.month >= expected ? null : expected;
    await db
      .insert(organizationDataStatus)
      .values({ organizationId: org.id, overdueMonth, checkedAt: new Date() })
      .onConflictDoUpdate({
        target: organizationDataStatus.organizationId,
        set: { overdueMonth, checkedAt: new Date() },
      });
    await enqueueJob(db, { kind: "snapshots.recompute", organizationId: org.id, dedupeKey: `recompute:${org.id}` });
    if (overdueMonth && connectorReady && (await findConnection(db, org.id))) {
      const earlier = await runsForMonth(db, org.id, expected);
      if (!earlier.some((r) => r.trigger === "monthly"))
        await db.transaction((tx) =>
          requestRefresh(tx, { organizationId: org.id, trigger: "monthly", requestedBy: null, dataMonth: expected }),
        );
    }
  }
}
