import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs, type Job } from "@/db/schema";

export type JobKind = "import.run" | "snapshots.recompute" | "cycle.monthly";
export type JobHandler = (db: Db, job: Job) => Promise<void>;
export type JobHandlers = Record<JobKind, JobHandler>;

export type NewJob = {
  kind: JobKind;
  organizationId?: string | null;
  payload?: Record<string, unknown>;
  /** Pending jobs with one key are one job: enqueueing again returns the pending one. */
  dedupeKey?: string;
};

/** Adds a job. Accepts a transaction, so a job is queued exactly when the change that needs it commits. */
export async function enqueueJob(db: Db, job: NewJob): Promise<void> {
  await db
    .insert(jobs)
    .values({
      kind: job.kind,
      organizationId: job.organizationId ?? null,
      payload: job.payload ?? {},
      dedupeKey: job.dedupeKey,
    })
    .onConflictDoNothing();
}

/**
 * Claims the oldest runnable job. FOR UPDATE SKIP LOCKED lets several instances poll one table without taking
 * the same job; a job for an organisation that already has a running job waits, so one organisation's imports
 * and recomputes never interleave.
 */
export async function claimNextJob(db: Db): Promise<Job | undefined> {
  const res = await db.execute(sql`
    update ${jobs} set status = 'running', locked_at = now(), attempts = attempts + 1
    where id = (
      select j.id from ${jobs} j
      where j.status = 'pending' and j.run_after <= now()
        and (j.organization_id is null or not exists (
          select 1 from ${jobs} r where r.organization_id = j.organization_id and r.status = 'running'))
      order by j.created_at
      for update skip locked
      limit 1)
    returning id`);
  const id = (res as unknown as { rows: { id: string }[] }).rows[0]?.id;
  if (!id) return undefined;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job;
}

export async function finishJob(db: Db, id: string, error?: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: error ? "failed" : "done", lastError: error ?? null, finishedAt: new Date() })
    .where(eq(jobs.id, id));
}

/** Jobs left 'running' by an instance that died are given back after this long. */
const STALE_AFTER_MS = 15 * 60 * 1000;

export async function releaseStaleJobs(db: Db): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "pending", lockedAt: null })
    .where(and(eq(jobs.status, "running"), lt(jobs.lockedAt, new Date(Date.now() - STALE_AFTER_MS))));
}

/** Finished jobs are kept a week for troubleshooting, then removed so the table stays small. */
export async function pruneFinishedJobs(db: Db, keepMs = 7 * 24 * 60 * 60 * 1000): Promise<void> {
  await db
    .delete(jobs)
    .where(and(inArray(jobs.status, ["done", "failed"]), lt(jobs.finishedAt, new Date(Date.now() - keepMs))));
}

export async function runJob(db: Db, handlers: JobHandlers, job: Job): Promise<void> {
  try {
    await handlers[job.kind as JobKind](db, job);
    await finishJob(db, job.id);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`Job ${job.kind} ${job.id} failed: ${message}`);
    await finishJob(db, job.id, message);
  }
}

/** Runs jobs until none is runnable. The worker loop uses it, and so do tests, which need no timers. */
export async function drainJobs(db: Db, handlers: JobHandlers): Promise<number> {
  let ran = 0;
  for (let job = await claimNextJob(db); job; job = await claimNextJob(db)) {
    await runJob(db, handlers, job);
    ran++;
  }
  return ran;
}
