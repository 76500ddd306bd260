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

test("an unreachable DATABASE_URL stops start-up with one sentence saying what to fix", async () => {
  const { code, output } = await startApp(
    { DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere", AUTH_SECRET: "x".repeat(40) },
    3191,
  );
  expect(code).toBe(1);
  expect(output).toMatch(/Cannot reach the database at 127\.0\.0\.1:1 \(DATABASE_URL\)/);
  expect(output).not.toMatch(/\n\s+at /); // no stack trace
});

test("a production start without AUTH_SECRET stops with one sentence naming it", async () => {
  const { code, output } = await startApp({ DATABASE_URL: "", PGLITE_DIR: "memory://", AUTH_SECRET: "" }, 3192);
  expect(code).toBe(1);
  expect(output).toMatch(/AUTH_SECRET is required in production/);
  expect(output).not.toMatch(/\n\s+at /);
});
