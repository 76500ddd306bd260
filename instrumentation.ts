/**
 * Runs once when the server starts: configuration is checked and migrations applied before the
 * first request, so a bad DATABASE_URL or a missing secret stops start-up with one clear sentence.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; the build must never open (or lock) a database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { prepareDatabase } = await import("./db/startup");
  const { ConfigError } = await import("./lib/env");
  try {
    const handle = await prepareDatabase();
    // Imports, recomputes and the monthly check run in the background of every instance.
    if (process.env.PCP_WORKER !== "off") {
      const { startWorker } = await import("./server/jobs/worker");
      startWorker(handle.db);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
