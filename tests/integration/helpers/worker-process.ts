/**
 * One instance's background worker as its own process (what `next start` runs besides the pages), for fault
 * tests that kill it with SIGKILL or take its database away: DATABASE_URL says where.
 */
import { openDb } from "@/db/client";
import { startWorker } from "@/server/jobs/worker";

const handle = await openDb({ databaseUrl: process.env.DATABASE_URL });
startWorker(handle.db);
process.stdout.write("worker ready\n");
// The worker's timers do not keep a process alive on their own (in the app, the HTTP server does).
setInterval(() => undefined, 60_000);
