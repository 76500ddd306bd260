import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import {
  activeRun,
  findConnection,
  findRun,
  insertRun,
  linkRunImports,
  updateConnection,
  updateRun,
} from "@/db/queries/partner-center";
import { listImportsByIds } from "@/db/queries/imports";
import { findUploadById } from "@/db/queries/uploads";
import type { ConnectorRun, ConnectorRunReport, Import } from "@/db/schema";
import { connectorEnv, serverEnv, type ConnectorEnv } from "@/lib/env";
import {
  CONNECTOR_SOURCES,
  portalQueryName,
  queryTextFor,
  type ConnectorSource,
} from "@/lib/partner-center/default-queries";
import { executionState, type Execution } from "@/lib/partner-center/insights-schemas";
import { pollDelayMs } from "@/lib/partner-center/retry";
import { decideStagedImport } from "@/db/queries/import-decisions";
import { HELD_FOR_CONNECTOR } from "../imports/held";
import { removeUpload, saveUpload, UploadTooLargeError, formatBytes } from "../imports/storage";
import { importFromUpload } from "../imports/submit";
import { enqueueJob } from "../jobs/queue";
import { PartnerCenterClient, type ClientOptions } from "./client";
import { ConnectorError, LinkExpiredError, RetryLaterError } from "./errors";
import { openClientSecret } from "./secrets";

const LABEL: Record<ConnectorSource, string> = { azure: "Azure usage", m365: "Microsoft 365 licences" };
/** Checks of executions still running before the run gives up (30 s doubling to 15 min: about 9 hours). */
const MAX_POLLS = 40;
/** Fresh links asked for after an expired one, per file. */
const MAX_LINK_REFRESHES = 3;

export type RefreshDeps = {
  env?: ConnectorEnv;
  client?: ClientOptions;
  /** The largest file stored (IMPORT_MAX_BYTES by default), as for an upload. */
  maxBytes?: number;
  now?: () => Date;
};

/**
 * Asks for a refresh ("Refresh now" or the monthly run), in the caller's transaction: a run that has not ended
 * is joined rather than doubled. Its first step is a job, so the request returns at once.
 */
export async function requestRefresh(
  tx: Db,
  request: { organizationId: string; trigger: "manual" | "monthly"; requestedBy: string | null; dataMonth: string },
): Promise<{ run: ConnectorRun; joined: boolean }> {
  const running = await activeRun(tx, request.organizationId);
  if (running) return { run: running, joined: true };
  const run = await insertRun(tx, { ...request, state: "queued" });
  await scheduleStep(tx, run, 0);
  return { run, joined: false };
}

async function scheduleStep(db: Db, run: Pick<ConnectorRun, "id" | "organizationId">, delayMs: number) {
  const runAfter = new Date(Date.now() + delayMs);
  await enqueueJob(db, {
    kind: "connector.refresh",
    organizationId: run.organizationId,
    payload: { runId: run.id },
    dedupeKey: `connector:${run.id}`,
    runAfter,
  });
  await updateRun(db, run.id, { nextCheckAt: runAfter });
}

/**
 * The connector job: one step of a run, then the job re-queues itself with a delay while Partner Center works
 * (a worker is never held for minutes). queued → reports requested → waiting (executions polled, files stored
 * as uploads when ready) → importing (the same import jobs as an upload) → the run's end.
 */
export async function runConnectorStep(db: Db, runId: string, deps: RefreshDeps = {}): Promise<void> {
  const run = await findRun(db, runId);
  if (!run || !["queued", "waiting", "importing"].includes(run.state)) return;
  try {
    const env = deps.env ?? connectorEnv();
    if (run.state === "importing") return await settleImports(db, run);
    const conn = await findConnection(db, run.organizationId);
    if (!conn) throw new ConnectorError("The Partner Center connection was removed.", "not_configured");
    const client = new PartnerCenterClient(
      { tenantId: conn.tenantId, clientId: conn.clientId, clientSecret: openClientSecret(env, conn) },
      env,
      deps.client,
    );
    if (run.state === "queued") {
      const reports = await requestReports(db, run, conn, client);
      await updateRun(db, run.id, { state: "waiting", reports, error: null });
      await scheduleStep(db, run, env.PARTNER_CENTER_POLL_SECONDS * 1000);
      return;
    }
    await pollAndFetch(db, run, client, env, deps);
  } catch (err) {
    if (err instanceof RetryLaterError) {
      await updateRun(db, run.id, { error: `Waiting: ${err.reason}; trying again shortly.` });
      await scheduleStep(db, run, err.delayMs);
      return;
    }
    await failRun(db, run.id, err);
  }
}

/** Creates or reuses the portal's report query per source, and a report executed now for each. */
async function requestReports(
  db: Db,
  run: ConnectorRun,
  conn: NonNullable<Awaited<ReturnType<typeof findConnection>>>,
  client: PartnerCenterClient,
) {
  const reports = { ...run.reports };
  const queryIds = { ...(conn.queryIds ?? {}) };
  for (const source of CONNECTOR_SOURCES) {
    if (reports[source]) continue; // made by an earlier try of this step
    const text = queryTextFor(source, source === "azure" ? conn.azureQuery : conn.m365Query);
    const name = portalQueryName(source, createHash("sha256").update(text).digest("hex"));
    let queryId: string | null = null;
    const known = queryIds[source];
    if (known?.name === name) {
      queryId =
        (await client.listQueries({ queryId: known.queryId })).find((q) => q.queryId === known.queryId)?.queryId ??
        null;
    }
    queryId ??= (await client.listQueries({ queryName: name })).find((q) => q.name === name)?.queryId ?? null;
    queryId ??= (
      await client.createQuery({
        name,
        description: `Partner Capability Portal: ${LABEL[source]} for the Partner Capability Score`,
        query: text,
      })
    ).queryId;
    queryIds[source] = { name, queryId };
    await updateConnection(db, run.organizationId, { queryIds });
    const reportId = await client.createReport({
      name: `pcp-${source}-${run.dataMonth}-${run.id.slice(0, 8)}`,
      description: `Partner Capability Portal refresh for ${run.dataMonth}`,
      queryId,
    });
    reports[source] = { queryId, reportId };
    await updateRun(db, run.id, { reports });
  }
  return reports;
}

/** Checks each report's latest execution; stores finished files; imports them once every file is stored. */
async function pollAndFetch(
  db: Db,
  run: ConnectorRun,
  client: PartnerCenterClient,
  env: ConnectorEnv,
  deps: RefreshDeps,
) {
  const reports = { ...run.reports };
  let filesFetched = run.filesFetched;
  let pending = false;
  for (const source of CONNECTOR_SOURCES) {
    const report = reports[source];
    if (!report) throw new ConnectorError("The run has no report for a source; start it again.", "api");
    if (report.uploadId) continue;
    let execution = await client.latestExecution(report.reportId);
    const state = execution ? executionState(execution.executionStatus) : "waiting";
    if (state === "waiting" || !execution) {
      pending = true;
      continue;
    }
    if (state === "failed")
      throw new ConnectorError(
        `Partner Center's ${LABEL[source]} report ended "${execution.executionStatus}"${execution.failureReason ? `: ${execution.failureReason}` : ""}.`,
        "execution_failed",
      );
    const stored = await fetchFile(db, run, source, report, execution, client, deps);
    execution = stored.execution;
    reports[source] = { ...report, executionId: execution.executionId, ...stored.file };
    filesFetched++;
    await updateRun(db, run.id, { reports, filesFetched });
  }
  if (pending) {
    if (run.polls + 1 >= MAX_POLLS)
      throw new ConnectorError(
        "Partner Center's reports did not finish within 9 hours. The next refresh asks again.",
        "execution_failed",
      );
    await updateRun(db, run.id, { polls: run.polls + 1 });
    await scheduleStep(db, run, pollDelayMs(run.polls + 1, env.PARTNER_CENTER_POLL_SECONDS * 1000));
    return;
  }
  await startImports(db, { ...run, reports, filesFetched });
}

/**
 * Streams the file from its secure link into the upload store (as an upload's bytes), asking for a fresh link
 * when it has expired. The file name says where it came from.
 */
async function fetchFile(
  db: Db,
  run: ConnectorRun,
  source: ConnectorSource,
  report: ConnectorRunReport,
  first: Execution,
  client: PartnerCenterClient,
  deps: RefreshDeps,
) {
  const maxBytes = deps.maxBytes ?? serverEnv().IMPORT_MAX_BYTES;
  let execution = first;
  for (let refreshes = 0; ; refreshes++) {
    const link = execution.reportAccessSecureLink;
    try {
      if (!link) throw new LinkExpiredError(0);
      const res = await client.download(link);
      const declared = Number(res.headers.get("content-length") ?? NaN);
      if (declared > maxBytes) {
        await res.body?.cancel();
        throw new UploadTooLargeError(maxBytes);
      }
      const fileName = `partner-center-${source}-${run.dataMonth}.csv`;
      const saved = await saveUpload(
        db,
        { organizationId: run.organizationId, createdBy: null, source, fileName, dataMonth: run.dataMonth },
        res.body as unknown as AsyncIterable<Uint8Array>,
        maxBytes,
      );
      return { execution, file: { uploadId: saved.id, bytes: saved.bytes, fileName } };
    } catch (err) {
      if (err instanceof UploadTooLargeError)
        throw new ConnectorError(
          `The ${LABEL[source]} file from Partner Center is larger than the import limit of ${formatBytes(err.limit)} (IMPORT_MAX_BYTES). Nothing was imported. Narrow the query's TIMESPAN, or ask the administrator to raise the limit.`,
          "too_large",
        );
      if (!(err instanceof LinkExpiredError)) throw err;
      if (refreshes >= MAX_LINK_REFRESHES)
        throw new ConnectorError(
          `The ${LABEL[source]} file's download link kept expiring (${MAX_LINK_REFRESHES + 1} links tried).`,
          "download",
        );
      const again = await client.latestExecution(report.reportId);
      if (!again || executionState(again.executionStatus) !== "done")
        throw new ConnectorError(`Partner Center's ${LABEL[source]} report is no longer available.`, "download");
      execution = again;
    }
  }
}

/**
 * Every file is stored: each becomes an import exactly as an upload does, in one transaction that also queues
 * their import jobs. The imports hold their rows staged until the run's last step puts them in use together.
 */
async function startImports(db: Db, run: ConnectorRun) {
  await db.transaction(async (tx) => {
    const importIds: string[] = [];
    for (const source of CONNECTOR_SOURCES) {
      const report = run.reports[source]!;
      const upload = await findUploadById(tx, report.uploadId!);
      if (!upload) throw new ConnectorError("A downloaded file is no longer stored; start the refresh again.");
      const { imp } = await importFromUpload(tx, upload);
      importIds.push(imp.id);
      run.reports[source] = { ...report, importId: imp.id };
    }
    await linkRunImports(tx, run.id, importIds);
    for (const importId of importIds)
      await enqueueJob(tx, { kind: "import.run", organizationId: run.organizationId, payload: { importId } });
    await updateRun(tx, run.id, { state: "importing", reports: run.reports, error: null });
    // Queued after the imports, so the organisation's queue runs them first.
    await scheduleStep(tx, run, 0);
  });
}

const IN_PROGRESS: Import["status"][] = ["uploaded", "validating"];

/**
 * The run's imports have ended their pass. All valid: they are put in use together — at once when they replace
 * nothing, or when the connection replaces automatically; otherwise they wait for a person's decision, as an
 * upload does. Any file rejected: the others are cancelled too, so a run changes all of its data or none.
 */
async function settleImports(db: Db, run: ConnectorRun) {
  const ids = CONNECTOR_SOURCES.map((s) => run.reports[s]?.importId).filter((id): id is string => Boolean(id));
  const rows = await listImportsByIds(db, ids);
  if (rows.some((r) => IN_PROGRESS.includes(r.status))) {
    await scheduleStep(db, run, 2_000);
    return;
  }
  const conn = await findConnection(db, run.organizationId);
  const bad = rows.filter((r) => r.status === "invalid" || r.status === "failed" || r.status === "cancelled");
  const waiting = rows.filter((r) => r.status === "awaiting_confirmation");
  const totalRows = rows.reduce((n, r) => n + r.rowsProcessed, 0);
  if (bad.length > 0) {
    for (const imp of waiting) await db.transaction((tx) => decideRunImport(tx, run.organizationId, imp.id, false));
    await updateRun(db, run.id, {
      state: bad.some((r) => r.status === "invalid") ? "invalid" : "failed",
      rows: 0,
      error: `${bad.map(describeBad).join(" ")} Nothing from this run was put in use.`,
      finishedAt: new Date(),
      nextCheckAt: null,
    });
    return;
  }
  const needsPerson = waiting.some(
    (r) => (r.conflictingMonths ?? []).length > 0 || (r.confirmReasons ?? []).some((why) => why !== HELD_FOR_CONNECTOR),
  );
  const replace = !needsPerson || conn?.replaceMode === "replace";
  if (replace) {
    await db.transaction(async (tx) => {
      for (const imp of waiting) await decideRunImport(tx, run.organizationId, imp.id, true);
    });
  }
  await updateRun(db, run.id, {
    state: replace ? "succeeded" : "awaiting_confirmation",
    rows: totalRows,
    error: replace
      ? null
      : "Some months already have data: open the imports to replace them, or set the connection to replace automatically.",
    finishedAt: new Date(),
    nextCheckAt: null,
  });
}

function describeBad(imp: Import): string {
  const label = LABEL[imp.source];
  if (imp.status === "invalid") {
    const first = imp.errors?.[0];
    const where = first
      ? ` (first: line ${first.line ?? "?"}${first.column ? `, ${first.column}` : ""}: ${first.message})`
      : "";
    return `The ${label} file was rejected with ${imp.errorTotal} error${imp.errorTotal === 1 ? "" : "s"}${where}.`;
  }
  if (imp.status === "cancelled") return `The ${label} import was cancelled.`;
  return `The ${label} import failed: ${imp.failureReason ?? "unknown reason"}`;
}

/** The run ends failed with a sentence; the files it had stored and not yet imported are deleted. */
async function failRun(db: Db, runId: string, err: unknown) {
  const run = await findRun(db, runId);
  if (!run) return;
  for (const source of CONNECTOR_SOURCES) {
    const report = run.reports[source];
    if (report?.uploadId && !report.importId) await removeUpload(db, report.uploadId);
  }
  const message =
    err instanceof ConnectorError
      ? err.message
      : `The refresh stopped (${err instanceof Error ? err.name : "error"}). Try "Refresh now" again; if this repeats, ask your administrator.`;
  if (!(err instanceof ConnectorError))
    console.error(`Connector run ${runId} failed: ${err instanceof Error ? err.name : "error"}`);
  await updateRun(db, runId, { state: "failed", error: message, finishedAt: new Date(), nextCheckAt: null });
}

/** The job gave up after its runs kept dying: the run ends failed (its staged imports are ended by their own jobs). */
export async function abandonRun(db: Db, runId: string): Promise<void> {
  const run = await findRun(db, runId);
  if (!run || !["queued", "waiting", "importing"].includes(run.state)) return;
  await failRun(
    db,
    runId,
    new ConnectorError("The refresh was interrupted (the server stopped while it ran). Try again."),
  );
}

/** A run's own import, answered for it; one that is no longer waiting rolls the run's step back (it runs again). */
async function decideRunImport(tx: Db, organizationId: string, importId: string, replace: boolean): Promise<void> {
  const decided = await decideStagedImport(tx, organizationId, importId, replace);
  if (decided.outcome !== "decided") throw new Error(`import ${importId} is no longer waiting for a decision`);
}
