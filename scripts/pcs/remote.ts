/**
 * `pcs remote snapshot|tenants|upload`: the command line talking to a portal's REST API v1 (issue 16), so scripts
 * and scheduled jobs can push files and read results. The token comes from PCP_API_TOKEN (never an argument,
 * which would land in shell history and process lists). Uploads use the tus protocol on the same routes as the
 * Imports page, then wait for the import's final status.
 */
import fs from "node:fs";
import path from "node:path";
import * as tus from "tus-js-client";
import { parseOptions, UsageError } from "./args";

export const TOKEN_ENV = "PCP_API_TOKEN";

/** A refusal or failure from the portal: printed as JSON on stderr, exit code 1. */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    /** What the portal answered, when it helps (an import's errors). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

type Remote = { base: string; slug: string; token: string };

function remoteOf(values: Map<string, string>): Remote {
  const url = values.get("url");
  const slug = values.get("org");
  if (!url) throw new UsageError("--url is required (the portal's address, e.g. https://portal.example.com)");
  if (!slug) throw new UsageError("--org is required (the organisation's slug, as in /o/<slug>)");
  let base: string;
  try {
    base = new URL(url).origin;
  } catch {
    throw new UsageError(`--url is not an address: ${url}`);
  }
  const token = process.env[TOKEN_ENV]?.trim();
  if (!token) throw new UsageError(`set ${TOKEN_ENV} to an API token (an admin creates one on the API tokens page)`);
  return { base, slug, token };
}

async function getJson(remote: Remote, pathAndQuery: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${remote.base}/api/v1${pathAndQuery}`, {
      headers: { Authorization: `Bearer ${remote.token}`, Accept: "application/json" },
    });
  } catch (err) {
    throw new RemoteError(`cannot reach ${remote.base}: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { detail?: string; title?: string } | null;
  if (!res.ok) throw new RemoteError(body?.detail ?? body?.title ?? `the portal answered ${res.status}`, res.status);
  return body;
}

const month = (value: string | undefined, option: string) => {
  if (value !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    throw new UsageError(`${option} must be YYYY-MM, e.g. 2026-10`);
  return value;
};
const org = (r: Remote) => `/orgs/${encodeURIComponent(r.slug)}`;

/** The snapshot of --month, or the latest one. */
async function snapshot(args: readonly string[]): Promise<string> {
  const { values } = parseOptions(args, { values: ["url", "org", "month"], flags: [] });
  const remote = remoteOf(values);
  const wanted = month(values.get("month"), "--month");
  if (wanted) return `${JSON.stringify(await getJson(remote, `${org(remote)}/snapshots/${wanted}`), null, 2)}\n`;
  const list = (await getJson(remote, `${org(remote)}/snapshots`)) as { data: unknown[] };
  if (list.data.length === 0) throw new RemoteError("the organisation has no snapshot yet", 404);
  return `${JSON.stringify(list.data[0], null, 2)}\n`;
}

/** Every tenant of a snapshot matching the filters (all pages, following the cursor), as one JSON array. */
async function tenants(args: readonly string[]): Promise<string> {
  const { values } = parseOptions(args, {
    values: ["url", "org", "month", "q", "status", "column", "sort", "dir"],
    flags: [],
  });
  const remote = remoteOf(values);
  const wanted = month(values.get("month"), "--month");
  if (!wanted) throw new UsageError("--month is required");
  const query = new URLSearchParams({ limit: "500" });
  for (const name of ["q", "status", "column", "sort", "dir"]) {
    const value = values.get(name);
    if (value !== undefined) query.set(name, value);
  }
  const out: unknown[] = [];
  for (let cursor: string | null = null; ;) {
    if (cursor) query.set("cursor", cursor);
    const page = (await getJson(remote, `${org(remote)}/snapshots/${wanted}/tenants?${query}`)) as {
      data: unknown[];
      nextCursor: string | null;
    };
    out.push(...page.data);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

const FINAL = new Set(["succeeded", "invalid", "failed", "cancelled", "awaiting_confirmation"]);

/** Uploads one file by tus, then polls the import until it is no longer validating. */
async function upload(args: readonly string[]): Promise<string> {
  const { values, flags } = parseOptions(args, {
    values: ["url", "org", "source", "file", "month", "timeout"],
    flags: ["no-wait"],
  });
  const remote = remoteOf(values);
  const source = values.get("source");
  if (source !== "azure" && source !== "m365") throw new UsageError("--source must be azure or m365");
  const file = values.get("file");
  if (!file) throw new UsageError("--file is required");
  const dataMonth = month(values.get("month"), "--month");
  const timeoutSeconds = Number(values.get("timeout") ?? "600");
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError("--timeout must be seconds > 0");
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new RemoteError(`cannot read ${file}`);
  }

  const importId = await new Promise<string>((resolve, reject) => {
    let id: string | null = null;
    const metadata: Record<string, string> = { filename: path.basename(file), source };
    if (dataMonth) metadata.dataMonth = dataMonth;
    const up = new tus.Upload(fs.createReadStream(file), {
      endpoint: `${remote.base}/o/${encodeURIComponent(remote.slug)}/imports/upload`,
      headers: { Authorization: `Bearer ${remote.token}` },
      metadata,
      uploadSize: size,
      chunkSize: 32 * 1024 * 1024,
      storeFingerprintForResuming: false,
      retryDelays: [0, 1000, 3000],
      onAfterResponse: (_req, res) => {
        id = res.getHeader("Pcp-Import-Id") ?? id;
      },
      onError: (err) => {
        const original = (err as tus.DetailedError).originalResponse;
        const status = original?.getStatus() ?? null;
        let detail = err.message;
        try {
          const body = JSON.parse(original?.getBody() ?? "") as { detail?: string; error?: string };
          detail = body.detail ?? body.error ?? detail;
        } catch {
          /* not JSON: keep tus-js-client's message */
        }
        reject(new RemoteError(`upload refused: ${detail}`, status));
      },
      onSuccess: () => (id ? resolve(id) : reject(new RemoteError("the portal did not name the import"))),
    });
    up.start();
  });

  const importPath = `${org(remote)}/imports/${importId}`;
  let imp = (await getJson(remote, importPath)) as { status: string };
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (!flags.has("no-wait") && !FINAL.has(imp.status)) {
    if (Date.now() > deadline) throw new RemoteError(`import ${importId} still ${imp.status} after ${timeoutSeconds}s`);
    await new Promise((r) => setTimeout(r, 1000));
    imp = (await getJson(remote, importPath)) as { status: string };
  }
  if (imp.status === "invalid" || imp.status === "failed" || imp.status === "cancelled")
    throw new RemoteError(`import ${importId} ended ${imp.status}`, null, imp);
  return `${JSON.stringify(imp, null, 2)}\n`;
}

const SUBCOMMANDS: Record<string, (args: readonly string[]) => Promise<string>> = { snapshot, tenants, upload };

export async function remoteCommand(args: readonly string[]): Promise<string> {
  const [sub, ...rest] = args;
  const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!run) throw new UsageError(`remote needs a subcommand: snapshot, tenants or upload`);
  return run(rest);
}
