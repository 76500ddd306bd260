import { prepareDatabase } from "@/db/startup";
import { ConfigError, entraEnabled, serverEnv } from "@/lib/env";
import { installClientIpStamp } from "./peer-address";

/**
 * Server start-up (Node.js runtime only): configuration checked and migrations applied before the first request,
 * then the background worker. A bad DATABASE_URL or a missing secret stops start-up with one clear sentence.
 */
export async function boot(): Promise<void> {
  try {
    const env = serverEnv();
    // Before the first request: rate limits, sessions and the audit log read the address stamped here.
    installClientIpStamp(env.TRUSTED_PROXY_HOPS);
    const handle = await prepareDatabase();
    if (env.NODE_ENV === "production" && entraEnabled(env) && !env.AUTH_URL) {
      // Not fatal (the e-mail sign-in works), but Entra's redirect_uri would not match: see docs/auth.md.
      console.warn(
        "Warning — Microsoft Entra ID sign-in needs AUTH_URL (the portal's public URL) in production; set it.",
      );
    }
    // Imports, recomputes and the monthly check run in the background of every instance.
    if (process.env.PCP_WORKER !== "off") {
      const { startWorker } = await import("./jobs/worker");
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
