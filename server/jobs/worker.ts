import type { Db } from "@/db/client";
import { jobHandlers } from "./handlers";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { pruneSignInAttempts } from "@/db/queries/sign-in-attempts";
import { pruneSessions } from "@/db/queries/user-sessions";
import { RATE_LIMIT_RETENTION_MS } from "@/lib/auth/rate-limits";
import { SIGN_IN_ATTEMPT_RETENTION_MS } from "../credentials";
import { scheduleMonthlyCycle } from "./monthly-cycle";
import { safeErrorSummary } from "./log";
import { drainJobs, pruneFinishedJobs, releaseExpiredLeases } from "./queue";

const POLL_MS = 1000;
const SCHEDULE_EVERY_MS = 60 * 60 * 1000;

type GlobalWithWorker = typeof globalThis & { __pcpWorker?: boolean; __pcpWakeWorker?: () => void };

/**
 * Asks this process's worker to poll now rather than at its next tick (a job was just queued here, e.g. an
 * import at the start of its upload). Kept on globalThis: Next bundles route handlers and instrumentation
 * separately, so module state is not shared between them, the process is. Other instances find the job at their
 * next poll, within a second. Does nothing where no worker runs.
 */
export function wakeWorker(): void {
  (globalThis as GlobalWithWorker).__pcpWakeWorker?.();
}

/**
 * The background worker of this instance: polls the jobs table (shared by all instances through PostgreSQL, or
 * in-process with PGlite), giving back jobs whose lease has passed (their run died) at every poll, and, hourly,
 * checks whether the monthly cycle is due and prunes finished jobs, old sign-in attempts, ended sessions and rate-limit counters. Started once per
 * process. An error (the database gone) only ends this poll: the next one, a second later, tries again.
 */
export function startWorker(db: Db): void {
  const g = globalThis as GlobalWithWorker;
  if (g.__pcpWorker) return;
  g.__pcpWorker = true;
  let lastSchedule = 0;
  // While the database is away every poll fails the same way: that is logged once a minute, not every second.
  let lastLog = { summary: "", at: 0 };
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let wokenWhileRunning = false;
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  const tick = async () => {
    timer = null;
    running = true;
    wokenWhileRunning = false;
    try {
      if (Date.now() - lastSchedule > SCHEDULE_EVERY_MS) {
        await pruneFinishedJobs(db);
        await pruneSignInAttempts(db, new Date(Date.now() - SIGN_IN_ATTEMPT_RETENTION_MS));
        await pruneSessions(db, new Date(Date.now() - SIGN_IN_ATTEMPT_RETENTION_MS));
        await pruneRateLimits(db, new Date(Date.now() - RATE_LIMIT_RETENTION_MS));
        await scheduleMonthlyCycle(db);
        lastSchedule = Date.now();
      }
      await releaseExpiredLeases(db);
      await drainJobs(db, jobHandlers);
    } catch (err) {
      const summary = safeErrorSummary(err);
      if (summary !== lastLog.summary || Date.now() - lastLog.at > 60_000) {
        console.error(`Background worker: ${summary}`);
        lastLog = { summary, at: Date.now() };
      }
    } finally {
      running = false;
      // A job queued while the last one ran may have come after drainJobs' last look: poll again at once.
      schedule(wokenWhileRunning ? 0 : POLL_MS);
    }
  };
  g.__pcpWakeWorker = () => {
    if (running) wokenWhileRunning = true;
    else schedule(0);
  };
  schedule(POLL_MS);
}
