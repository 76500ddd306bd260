/**
 * `npm run dev`: the portal on http://localhost:3000 (or $PORT) with the embedded database — migrated, demo data
 * seeded on first run, sign-in details printed — then hands over to `next dev`.
 * Seeding runs in this process and closes PGlite before Next opens it: one process per data folder.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
fs.mkdirSync(".data", { recursive: true });

// A development secret generated once and kept, so sessions survive restarts.
const secretFile = path.join(".data", "auth-secret");
if (!fs.existsSync(secretFile))
  fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
process.env.AUTH_SECRET ||= fs.readFileSync(secretFile, "utf8").trim();
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR ||= ".data/pglite";

const port = await firstFreePort(Number(process.env.PORT || 3000));

const { prepareDatabase } = await import("../db/startup");
const { ConfigError } = await import("../lib/env");
try {
  const handle = await prepareDatabase();
  const { seedDemo } = await import("../server/demo-seed");
  const demo = await seedDemo(handle.db);
  await handle.close();
  printSignIn(demo);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}

/** PORT (default 3000), or the next free one when it is taken, so the banner prints the address actually served. */
async function firstFreePort(wanted: number): Promise<number> {
  for (let p = wanted; p < wanted + 20; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(p, () => srv.close(() => resolve(true)));
    });
    if (free) {
      if (p !== wanted) console.log(`Port ${wanted} is in use: using ${p}.`);
      return p;
    }
  }
  throw new Error(`Ports ${wanted}–${wanted + 19} are all in use: set PORT to a free one.`);
}

function printSignIn(demo: { orgName: string; password: string; users: { email: string; role: string }[] }) {
  const lines = [
    "",
    `  Partner Capability Portal — http://localhost:${port}`,
    `  Demo organisation: ${demo.orgName}`,
    ...demo.users.map((u) => `  ${u.role.padEnd(8)} ${u.email}  password: ${demo.password}`),
    "",
  ];
  console.log(lines.join("\n"));
}

const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], {
  stdio: "inherit",
  env: process.env,
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => next.kill(sig));
next.on("exit", (code) => process.exit(code ?? 0));
