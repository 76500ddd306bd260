import os from "node:os";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { driverOf, type Db } from "@/db/client";
import { jobs, type Job } from "@/db/schema";
import { safeErrorSummary } from "./log";

export type JobKind =
  | "import.run"
  | "snapshots.recompute"
  | "cycle.monthly"
  | "connector.refresh"
  | "notifications.mail"
  | "webhook.deliver";
export type JobHandler = (db: Db, job: Job) => Promise<void>;
/**
 * What each kind of job does, and what ends it for good once its runs kept dying (`giveUp`, called by a live
 * instance instead of the handler once the attempts are used up; it must leave the job's object in a final state).
 */
export type JobHandlers = Record<JobKind, JobHandler> & {
  giveUp?: Partial<Record<JobKind, (db: Db, job: Job, reason: string) => Promise<void>>>;
};

export type NewJob = {
  kind: JobKind;
  organizationId?: string | null;
  payload?: Record<string, unknown>;
  /** Pending jobs with one key are one job: enqueueing again returns the pending one. */
  dedupeKey?: string;
  /** Not before this time (a job that re-queues itself to check again later, e.g. a Partner Center report). */
  runAfter?: Date;
};

/**
 * A running job's lease. Its instance renews it every HEARTBEAT_MS; a lease that has passed means the run died
 * (the instance was killed, or it lost the database), so another poll — of any instance, within a second —
 * gives the job back. Short enough that an interrupted import ends well within a minute of the database or an
 * instance coming back; long enough that a busy event loop or a slow query never loses a live lease.
 */
export const LEASE_MS = 20_000;
export const HEARTBEAT_MS = 5_000;

/** Runs per job before it ends as failed; each failed or interrupted run waits longer before the next. */
export const MAX_ATTEMPTS: Record<JobKind, number> = {
  // The second run of an interrupted import only closes it (runImport finds it "validating").
  "import.run": 2,
  "snapshots.recompute": 3,
  "cycle.monthly": 3,
  // A step of a Partner Center refresh; the run records its own failures and re-queues itself while it waits.
  "connector.refresh": 3,
  // An SMTP server or a receiver that is down for a few minutes still gets the message (5 s … 1 min apart).
  "notifications.mail": 5,
  "webhook.deliver": 5,
};

/** The wait before run n+1 after run n failed or died: 5 s, 15 s, 45 s, then at most a minute. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000, 5_000 * 3 ** Math.max(0, attempts - 1));
}
const backoffSql = (attempts: unknown) =>
  sql`least(60, 5 * power(3, greatest(0, ${attempts} - 1))) * interval '1 second'`;

/** An error after which another run cannot help (the job's object already records why it ended). */
export class FinalJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const INSTANCE = `${os.hostname()}:${process.pid}`;

/** Adds a job. Accepts a transaction, so a job is queued exactly when the change that needs it commits. */
export async function enqueueJob(db: Db, job: NewJob): Promise<void> {
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
 * Claims the oldest runnable job, with a fresh lease. FOR UPDATE SKIP LOCKED lets several instances poll one
 * table without taking the same job; a job for an organisation that already has a running job (with a live
 * lease) waits, so one organisation's imports and recomputes never interleave, and a dead run blocks the
 * organisation only until its lease passes.
 */
export async function claimNextJob(db: Db): Promise<Job | undefined> {
  const res = await db.execute(sql`
    update ${jobs} set status = 'running', locked_at = now(), attempts = attempts + 1,
      lease_until = now() + ${LEASE_MS} * interval '1 millisecond', locked_by = ${INSTANCE}
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

/** This run's own row: a run whose lease was lost (and the job given back) must not write over the next run. */
const ownRun = (job: Pick<Job, "id" | "attempts">) =>
  and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.status, "running"));

export async function finishJob(db: Db, job: Pick<Job, "id" | "attempts">, error?: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: error ? "failed" : "done", lastError: error ?? null, finishedAt: new Date(), leaseUntil: null })
    .where(ownRun(job));
}

/** The run failed but another may succeed: the job waits (backoff) and is claimed again. */
async function retryLater(db: Db, job: Pick<Job, "id" | "attempts">, error: string): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: "pending",
      lastError: error,
      leaseUntil: null,
      lockedBy: null,
      runAfter: new Date(Date.now() + backoffMs(job.attempts)),
    })
    .where(ownRun(job));
}

/** Renews a live run's lease; false when the lease was lost (the job was given back meanwhile). */
export async function renewLease(db: Db, job: Pick<Job, "id" | "attempts">): Promise<boolean> {
  const renewed = await db
    .update(jobs)
    .set({ leaseUntil: sql`now() + ${LEASE_MS} * interval '1 millisecond'` })
    .where(ownRun(job))
    .returning({ id: jobs.id });
  return renewed.length > 0;
}

/**
 * Gives back every job whose lease has passed: its run died with its instance, or lost the database and could
 * not record its end. The job waits its backoff and is claimed again; the next run (or, after the last attempt,
 * the kind's `giveUp`) puts what it was doing in a final state. Cheap enough for every poll of every instance.
 */
export async function releaseExpiredLeases(db: Db): Promise<number> {
  const released = await db
    .update(jobs)
    .set({
      status: "pending",
      leaseUntil: null,
      lockedBy: null,
      runAfter: sql`now() + ${backoffSql(jobs.attempts)}`,
      lastError: sql`coalesce(${jobs.lastError}, 'interrupted: the run stopped before it ended')`,
    })
    // A run claimed before leases existed has none: its claim time stands in for it.
    .where(
      and(
        eq(jobs.status, "running"),
        sql`coalesce(${jobs.leaseUntil}, ${jobs.lockedAt} + ${LEASE_MS} * interval '1 millisecond') < now()`,
      ),
    )
    .returning({ id: jobs.id });
  return released.length;
}

/** Finished jobs are kept a week for troubleshooting, then removed so the table stays small. */
export async function pruneFinishedJobs(db: Db, keepMs = 7 * 24 * 60 * 60 * 1000): Promise<void> {
  await db
    .delete(jobs)
    .where(and(inArray(jobs.status, ["done", "failed"]), lt(jobs.finishedAt, new Date(Date.now() - keepMs))));
}

/**
 * Runs one claimed job with its lease renewed while it runs. A run that throws is tried again after a backoff,
 * up to the kind's MAX_ATTEMPTS, unless the error is final. A job claimed past its last attempt (its runs kept
 * dying) is ended by the kind's giveUp. Logs carry the job, the import and the error's class, never its
 * message: a database error can quote the row values (customer names) it failed on.
 */
export async function runJob(db: Db, handlers: JobHandlers, job: Job): Promise<void> {
  const kind = job.kind as JobKind;
  const max = MAX_ATTEMPTS[kind] ?? 1;
  if (job.attempts > max) {
    const reason = job.lastError ?? "interrupted";
    try {
      await handlers.giveUp?.[kind]?.(db, job, reason);
    } catch (err) {
      // Ending it failed too (the database went again): the lease passes and a later poll tries once more.
      console.error(`Job ${kind} ${job.id}${ofImport(job)} could not be ended: ${safeErrorSummary(err)}`);
      throw err;
    }
    await finishJob(db, job, `gave up after ${max} attempts: ${reason}`);
    console.error(`Job ${kind} ${job.id}${ofImport(job)} gave up after ${max} attempts`);
    return;
  }
  const heartbeat =
    driverOf(db) === "postgres"
      ? setInterval(() => {
          // A failed renewal is harmless: the run either ends (and records it) or its lease passes.
          renewLease(db, job).catch(() => undefined);
        }, HEARTBEAT_MS)
      : null;
  heartbeat?.unref();
  try {
    await handlers[kind](db, job);
    await finishJob(db, job);
  } catch (err) {
    const summary = safeErrorSummary(err);
    console.error(`Job ${kind} ${job.id}${ofImport(job)} failed (attempt ${job.attempts} of ${max}): ${summary}`);
    const message = err instanceof FinalJobError ? err.message : summary;
    if (err instanceof FinalJobError || job.attempts >= max) await finishJob(db, job, message);
    else await retryLater(db, job, message);
  } finally {
    if (heartbeat) clearInterval(heartbeat);
  }
}

const ofImport = (job: Job) => (job.payload?.importId ? ` (import ${String(job.payload.importId)})` : "");

/** Runs jobs until none is runnable. The worker loop uses it, and so do tests, which need no timers. */
export async function drainJobs(db: Db, handlers: JobHandlers): Promise<number> {
  let ran = 0;
  for (let job = await claimNextJob(db); job; job = await claimNextJob(db)) {
    await runJob(db, handlers, job);
    ran++;
  }
  return ran;
}
