/**
 * The job queue's table (server/jobs/queue.ts decides what runs when; the SQL is here) and the once-per-period
 * claims of scheduled runs.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs, scheduledRuns, type Job } from "@/db/schema";

export type NewJobRow = {
  kind: string;
  organizationId?: string | null;
  payload?: Record<string, unknown>;
  dedupeKey?: string;
  runAfter?: Date;
};

/** Adds a job; a pending job with the same dedupe key already is the job, so nothing is added. */
export async function insertJob(db: Db, job: NewJobRow): Promise<void> {
  await db
    .insert(jobs)
    .values({
      kind: job.kind,
      organizationId: job.organizationId ?? null,
      payload: job.payload ?? {},
      dedupeKey: job.dedupeKey,
      ...(job.runAfter ? { runAfter: job.runAfter } : {}),
    })
    .onConflictDoNothing();
}

/**
 * Claims the oldest runnable job for `instance`, with a lease of `leaseMs`. FOR UPDATE SKIP LOCKED lets several
 * instances poll one table without taking the same job; a job for an organisation that already has a running job
 * (with a live lease) waits, so one organisation's jobs never interleave, and a dead run blocks the organisation
 * only until its lease passes.
 */
export async function claimJob(db: Db, instance: string, leaseMs: number): Promise<Job | undefined> {
  const res = await db.execute(sql`
    update ${jobs} set status = 'running', locked_at = now(), attempts = attempts + 1,
      lease_until = now() + ${leaseMs} * interval '1 millisecond', locked_by = ${instance}
    where id = (
      select j.id from ${jobs} j
      where j.status = 'pending' and j.run_after <= now()
        and (j.organization_id is null or not exists (
          select 1 from ${jobs} r
          where r.organization_id = j.organization_id and r.status = 'running' and r.lease_until > now()))
      order by j.created_at
      for update skip locked
      limit 1)
    returning id`);
  const id = (res as unknown as { rows: { id: string }[] }).rows[0]?.id;
  if (!id) return undefined;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job;
}

export type JobRun = Pick<Job, "id" | "attempts">;

/** This run's own row: a run whose lease was lost (and the job given back) must not write over the next run. */
const ownRun = (job: JobRun) => and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.status, "running"));

/** Ends the run's job: done, or failed with `error`. */
export async function markJobFinished(db: Db, job: JobRun, error?: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: error ? "failed" : "done", lastError: error ?? null, finishedAt: new Date(), leaseUntil: null })
    .where(ownRun(job));
}

/** Gives the run's job back to wait until `runAfter`, with the run's error. */
export async function requeueJobRun(db: Db, job: JobRun, error: string, runAfter: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "pending", lastError: error, leaseUntil: null, lockedBy: null, runAfter })
    .where(ownRun(job));
}

/** Renews a live run's lease for `leaseMs`; false when the lease was lost (the job was given back meanwhile). */
export async function extendJobLease(db: Db, job: JobRun, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(jobs)
    .set({ leaseUntil: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(ownRun(job))
    .returning({ id: jobs.id });
  return renewed.length > 0;
}

/** The wait before the next run, in SQL: backoffMs of server/jobs/queue.ts (5 s, 15 s, 45 s, then a minute). */
const backoffSql = (attempts: unknown) =>
  sql`least(60, 5 * power(3, greatest(0, ${attempts} - 1))) * interval '1 second'`;

/**
 * Gives back every running job whose lease (of `leaseMs`) has passed, to wait its backoff; returns how many.
 * A run claimed before leases existed has none: its claim time stands in for it.
 */
export async function requeueExpiredJobs(db: Db, leaseMs: number): Promise<number> {
  const released = await db
    .update(jobs)
    .set({
      status: "pending",
      leaseUntil: null,
      lockedBy: null,
      runAfter: sql`now() + ${backoffSql(jobs.attempts)}`,
      lastError: sql`coalesce(${jobs.lastError}, 'interrupted: the run stopped before it ended')`,
    })
    .where(
      and(
        eq(jobs.status, "running"),
        sql`coalesce(${jobs.leaseUntil}, ${jobs.lockedAt} + ${leaseMs} * interval '1 millisecond') < now()`,
      ),
    )
    .returning({ id: jobs.id });
  return released.length;
}

/** Removes the jobs that finished before `before`. */
export async function deleteJobsFinishedBefore(db: Db, before: Date): Promise<void> {
  await db.delete(jobs).where(and(inArray(jobs.status, ["done", "failed"]), lt(jobs.finishedAt, before)));
}

/** Claims `name`'s run for `period`; false when an instance claimed it already. */
export async function claimScheduledRun(db: Db, name: string, period: string): Promise<boolean> {
  const claimed = await db
    .insert(scheduledRuns)
    .values({ name, period })
    .onConflictDoNothing()
    .returning({ period: scheduledRuns.period });
  return claimed.length > 0;
}
