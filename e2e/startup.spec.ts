import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";

/** Starts the built app with the given environment and collects what it prints until it exits. */
function startApp(env: Record<string, string>, port: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Ports beside the e2e server's, so runs with their own E2E_PORT never collide. */
const spare = Number(process.env.E2E_PORT ?? 3100) + 91;

test("an unreachable DATABASE_URL stops start-up with one sentence saying what to fix", async () => {
  const { code, output } = await startApp(
    { DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere", AUTH_SECRET: "x".repeat(40) },
    spare + 1,
  );
  expect(code).toBe(1);
  expect(output).toMatch(/Cannot reach the database at 127\.0\.0\.1:1 \(DATABASE_URL\)/);
  expect(output).not.toMatch(/\n\s+at /); // no stack trace
});

test("a production start without AUTH_SECRET stops with one sentence naming it", async () => {
  const { code, output } = await startApp({ DATABASE_URL: "", PGLITE_DIR: "memory://", AUTH_SECRET: "" }, spare + 2);
  expect(code).toBe(1);
  expect(output).toMatch(/AUTH_SECRET is required in production/);
  expect(output).not.toMatch(/\n\s+at /);
});
