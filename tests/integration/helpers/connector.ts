import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { findRun } from "@/db/queries/partner-center";
import { dataRevisions, jobs, snapshots, uploads, type ConnectorRun } from "@/db/schema";
import { jobHandlers } from "@/server/jobs/handlers";
import { drainJobs, type JobHandlers } from "@/server/jobs/queue";
import { runConnectorStep, type RefreshDeps } from "@/server/partner-center/refresh";

/**
 * Drives a connector run to its end as the workers would: every job whose time has come runs; a connector step
 * that re-queued itself for later is made due at once (the test does not wait out Partner Center's delays, it
 * checks they were asked for: `delays`).
 */
export async function driveRun(
  db: Db,
  runId: string,
  deps: RefreshDeps,
): Promise<{ run: ConnectorRun; delays: number[]; steps: number }> {
  const handlers: JobHandlers = {
    ...jobHandlers,
    "connector.refresh": (d, job) => runConnectorStep(d, String(job.payload.runId), deps),
  };
  const delays: number[] = [];
  let steps = 0;
  for (let i = 0; i < 80; i++) {
    steps += await drainJobs(db, handlers);
    const run = (await findRun(db, runId))!;
    if (!["queued", "waiting", "importing"].includes(run.state)) return { run, delays, steps };
    const [later] = await db
      .select({ runAfter: jobs.runAfter })
      .from(jobs)
      .where(and(eq(jobs.status, "pending"), eq(jobs.kind, "connector.refresh")));
    if (later) delays.push(later.runAfter.getTime() - Date.now());
    await db
      .update(jobs)
      .set({ runAfter: sql`now()` })
      .where(eq(jobs.status, "pending"));
  }
  throw new Error("the run did not end within 80 rounds");
}

/** What the organisation's data looks like: revisions (with their state) and snapshot versions. */
export async function dataState(db: Db, organizationId: string) {
  const revisions = await db
    .select({
      source: dataRevisions.source,
      month: dataRevisions.month,
      revision: dataRevisions.revision,
      active: dataRevisions.active,
      staged: dataRevisions.staged,
    })
    .from(dataRevisions)
    .where(eq(dataRevisions.organizationId, organizationId))
    .orderBy(dataRevisions.source, dataRevisions.month, dataRevisions.revision);
  const snaps = await db
    .select({ month: snapshots.month, version: snapshots.version })
    .from(snapshots)
    .where(eq(snapshots.organizationId, organizationId))
    .orderBy(snapshots.month, snapshots.version);
  const stored = await db.select({ id: uploads.id }).from(uploads).where(eq(uploads.organizationId, organizationId));
  return { revisions, snapshots: snaps, uploads: stored.length };
}
