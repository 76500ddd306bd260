import type { Db } from "@/db/client";
import { recordDataStatus } from "@/db/queries/data-freshness";
import { claimScheduledRun } from "@/db/queries/jobs";
import { listOrganizationIds } from "@/db/queries/organizations";
import { findConnection, runsForMonth } from "@/db/queries/partner-center";
import { newestActiveMonth } from "@/db/queries/revisions";
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
  if (!(await claimScheduledRun(db, "cycle.monthly", period))) return false;
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
  const orgs = await listOrganizationIds(db);
  for (const org of orgs) {
    const latest = await newestActiveMonth(db, org.id);
    const overdueMonth = latest && latest >= expected ? null : expected;
    await recordDataStatus(db, org.id, overdueMonth);
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
