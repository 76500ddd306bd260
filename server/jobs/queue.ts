import os from "node:os";
import { driverOf, type Db } from "@/db/client";
import {
  claimJob,
  deleteJobsFinishedBefore,
  extendJobLease,
  insertJob,
  markJobFinished,
  requeueExpiredJobs,
  requeueJobRun,
  type JobRun,
} from "@/db/queries/jobs";
import type { Job } from "@/db/schema";
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

/**
 * The wait before run n+1 after run n failed or died: 5 s, 15 s, 45 s, then at most a minute. A run that died is
 * given back by SQL that computes the same (requeueExpiredJobs, db/queries/jobs.ts).
 */
export function backoffMs(attempts: number): number {
  return Math.min(60_000, 5_000 * 3 ** Math.max(0, attempts - 1));
}

/** An error after which another run cannot help (the job's object already records why it ended). */
export class FinalJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const INSTANCE = `${os.hostname()}:${process.pid}`;

/** Adds a job. Accepts a transaction, so a job is queued exactly when the change that needs it commits. */
export async function enqueueJob(db: Db, job: NewJob): Promise<void> {
  await insertJob(db, job);
}

/**
 * Claims the oldest runnable job, with a fresh lease, for this instance. Several instances poll one table without
 * taking the same job, and one organisation's imports and recomputes never interleave (claimJob says how).
 */
export async function claimNextJob(db: Db): Promise<Job | undefined> {
  return claimJob(db, INSTANCE, LEASE_MS);
}

/** The run failed but another may succeed: the job waits (backoff) and is claimed again. */
async function retryLater(db: Db, job: JobRun, error: string): Promise<void> {
  await requeueJobRun(db, job, error, new Date(Date.now() + backoffMs(job.attempts)));
}

/**
 * Gives back every job whose lease has passed: its run died with its instance, or lost the database and could
 * not record its end. The job waits its backoff and is claimed again; the next run (or, after the last attempt,
 * the kind's `giveUp`) puts what it was doing in a final state. Cheap enough for every poll of every instance.
 */
export async function releaseExpiredLeases(db: Db): Promise<number> {
  return requeueExpiredJobs(db, LEASE_MS);
}

/** Finished jobs are kept a week for troubleshooting, then removed so the table stays small. */
export async function pruneFinishedJobs(db: Db, keepMs = 7 * 24 * 60 * 60 * 1000): Promise<void> {
  await deleteJobsFinishedBefore(db, new Date(Date.now() - keepMs));
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
    await markJobFinished(db, job, `gave up after ${max} attempts: ${reason}`);
    console.error(`Job ${kind} ${job.id}${ofImport(job)} gave up after ${max} attempts`);
    return;
  }
  const heartbeat =
    driverOf(db) === "postgres"
      ? setInterval(() => {
          // A failed renewal is harmless: the run either ends (and records it) or its lease passes.
          extendJobLease(db, job, LEASE_MS).catch(() => undefined);
        }, HEARTBEAT_MS)
      : null;
  heartbeat?.unref();
  try {
    await handlers[kind](db, job);
    await markJobFinished(db, job);
  } catch (err) {
    const summary = safeErrorSummary(err);
    console.error(`Job ${kind} ${job.id}${ofImport(job)} failed (attempt ${job.attempts} of ${max}): ${summary}`);
    const message = err instanceof FinalJobError ? err.message : summary;
    if (err instanceof FinalJobError || job.attempts >= max) await markJobFinished(db, job, message);
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
