import type { Db } from "@/db/client";
import { jobHandlers } from "./handlers";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { pruneSignInAttempts } from "@/db/queries/sign-in-attempts";
import { RATE_LIMIT_RETENTION_MS } from "@/lib/auth/rate-limits";
import { SIGN_IN_ATTEMPT_RETENTION_MS } from "../credentials";
import { scheduleMonthlyCycle } from "./monthly-cycle";
import { drainJobs, pruneFinishedJobs, releaseStaleJobs } from "./queue";

const POLL_MS = 1000;
const SCHEDULE_EVERY_MS = 60 * 60 * 1000;

type GlobalWithWorker = typeof globalThis & { __pcpWorker?: boolean };

/**
 * The background worker of this instance: polls the jobs table (shared by all instances through PostgreSQL, or
 * in-process with PGlite) and, hourly, checks whether the monthly cycle is due and prunes finished jobs, old
 * sign-in attempts and rate-limit counters. Started once per process.
 */
export function startWorker(db: Db): void {
  const g = globalThis as GlobalWithWorker;
  if (g.__pcpWorker) return;
  g.__pcpWorker = true;
  let lastSchedule = 0;
  const tick = async () => {
    try {
      if (Date.now() - lastSchedule > SCHEDULE_EVERY_MS) {
        lastSchedule = Date.now();
        await releaseStaleJobs(db);
        await pruneFinishedJobs(db);
        await pruneSignInAttempts(db, new Date(Date.now() - SIGN_IN_ATTEMPT_RETENTION_MS));
        await pruneRateLimits(db, new Date(Date.now() - RATE_LIMIT_RETENTION_MS));
        await scheduleMonthlyCycle(db);
      }
      await drainJobs(db, jobHandlers);
    } catch (err) {
      console.error(`Background worker: ${err instanceof Error ? err.message : err}`);
    } finally {
      setTimeout(tick, POLL_MS).unref();
    }
  };
  setTimeout(tick, POLL_MS).unref();
}
