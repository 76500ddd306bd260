import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organizations } from "./organizations";

/**
 * Background work (validate an upload, import it, recompute snapshots, the monthly check). Workers in every
 * instance claim jobs with FOR UPDATE SKIP LOCKED, so a job runs once however many instances run.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").notNull().default("pending"),
    /** Pending jobs with the same key are one job (e.g. one recompute per organisation). */
    dedupeKey: text("dedupe_key"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    /** When the current run was claimed. */
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    /**
     * The running job's lease: its instance renews it every few seconds while the run is alive. Once it has
     * passed, the run is taken as dead (its instance stopped, or lost the database) and the job is given back
     * or, after its last attempt, ended (server/jobs/queue.ts).
     */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** Which instance holds the lease (host and process id), for troubleshooting. */
    lockedBy: text("locked_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_pending_idx").on(t.status, t.runAfter),
    uniqueIndex("jobs_dedupe_idx")
      .on(t.dedupeKey)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** Scheduled runs already made (e.g. the monthly check for 2026-11), so a missed run is made once at start-up. */
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    name: text("name").notNull(),
    period: text("period").notNull(),
    ranAt: timestamp("ran_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("scheduled_runs_idx").on(t.name, t.period)],
);

export type Job = typeof jobs.$inferSelect;
