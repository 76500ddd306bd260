import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { serverEnv } from "@/lib/env";

/**
 * AUTH_SECRET signs the session cookies. Production requires it (lib/env.ts refuses to start
 * without it); in development one is generated once and kept in .data/auth-secret so sessions
 * survive restarts.
 */
export function authSecret(): string {
  const env = serverEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.resolve(".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
