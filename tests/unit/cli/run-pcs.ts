/** Runs the real CLI (`npx tsx scripts/pcs.ts ...`) as a child process. */
import { spawn } from "node:child_process";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

export interface PcsRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Async so that tests can run several CLI processes at once (`describe.concurrent`). */
export function runPcs(args: string[]): Promise<PcsRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/pcs.ts", ...args], { cwd: repoRoot });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
