import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/db/client";
import { findConnection, findRun, listConnections } from "@/db/queries/partner-center";
import { auditLog, imports, jobs, type Organization, type User } from "@/db/schema";
import { expectedDataMonth } from "@/lib/data-cycle";
import { connectorEnv, type ConnectorEnv } from "@/lib/env";
import { orgActions } from "@/server/actions";
import { runMonthlyCycle } from "@/server/jobs/monthly-cycle";
import { executeOrgAction } from "@/server/org-action";
import { requestRefresh, type RefreshDeps } from "@/server/partner-center/refresh";
import { openClientSecret, reencryptSecrets } from "@/server/partner-center/secrets";
import { probeConnection } from "@/server/partner-center/probe-connection";
import { TEST_ENCRYPTION_KEY, TEST_PREVIOUS_KEY } from "../helpers/connector-keys";
import { FakePartnerCenter, generatedFiles, malformed, padded, type FakeFiles } from "../helpers/fake-partner-center";
import { dataState, driveRun } from "./helpers/connector";
import { contextFor, dumpTables, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const CREDS = {
  tenantId: "7c1a2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  clientId: "0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9",
  clientSecret: "Qx8~fake.SECRET-value_42",
};

describe(`Partner Center connector (${testDriver()})`, () => {
  let handle: DbHandle;
  let fake: FakePartnerCenter;
  let files: FakeFiles;
  let env: ConnectorEnv;
  let deps: RefreshDeps;
  const dataMonth = expectedDataMonth(new Date());
  const logged: string[] = [];

  beforeAll(async () => {
    handle = await createTestDb();
    files = await generatedFiles({ tenants: 30, months: 24, seed: 15, toMonth: dataMonth });
    fake = new FakePartnerCenter(CREDS, files);
    await fake.start();
    process.env.PCP_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
    env = connectorEnv({
      PCP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      PARTNER_CENTER_API_URL: fake.url,
      PARTNER_CENTER_AUTHORITY_URL: fake.url,
      PARTNER_CENTER_POLL_SECONDS: "30",
    });
    deps = { env, client: { retryBaseMs: 10 }, maxBytes: 50 * 1024 * 1024 };
  });
  afterAll(async () => {
    // The PostgreSQL database is shared with the next files: leave no connector step (or the monthly check's
    // recomputes of every organisation) for their workers.
    await handle.db.delete(jobs).where(eq(jobs.status, "pending"));
    await fake.stop();
    await handle.close();
  });
  beforeEach(() => {
    fake.reset(files);
    logged.length = 0;
    for (const level of ["log", "info", "warn", "error"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    // Whatever happened, nothing the portal printed carries the secret or a token.
    for (const line of logged) {
      expect(line).not.toContain(CREDS.clientSecret);
      expect(line).not.toMatch(/fake-token-/);
    }
  });

  async function connectedOrg(values: Partial<typeof CREDS> & { replaceMode?: "ask" | "replace" } = {}) {
    const { org, users } = await seedOrg(handle.db, { admin: "admin", analyst: "analyst" });
    const saved = await executeOrgAction(orgActions["connector.save"], contextFor(handle.db, users.admin), org.slug, {
      tenantId: values.tenantId ?? CREDS.tenantId,
      clientId: values.clientId ?? CREDS.clientId,
      clientSecret: values.clientSecret ?? CREDS.clientSecret,
      replaceMode: values.replaceMode ?? "ask",
      azureQuery: "",
      m365Query: "",
    });
    expect(saved).toMatchObject({ ok: true });
    return { org, admin: users.admin, analyst: users.analyst };
  }

  async function refresh(org: Organization, by: User) {
    const res = await executeOrgAction(orgActions["connector.refresh"], contextFor(handle.db, by), org.slug, {});
    if (!res.ok) throw new Error(res.message);
    return driveRun(handle.db, res.data.runId, deps);
  }

  async function importsOf(org: Organization) {
    return handle.db.select().from(imports).where(eq(imports.organizationId, org.id)).orderBy(imports.createdAt);
  }

  it("stores the client secret encrypted: not in any table, response or audit entry in plain text", async () => {
    const { org, admin } = await connectedOrg();
    const conn = (await findConnection(handle.db, org.id))!;
    expect(conn.secretCiphertext).not.toContain(CREDS.clientSecret);
    expect(conn.secretKeyId).toBe(env.keys[0]!.id);
    expect(openClientSecret(env, conn)).toBe(CREDS.clientSecret);
    const dump = await dumpTables(handle.db);
    expect(dump).not.toContain(CREDS.clientSecret);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.organizationId, org.id));
    expect(audit.map((a) => a.action)).toContain("connector.save");
    expect(JSON.stringify(audit)).not.toContain(CREDS.clientSecret);
    // Saving again without a secret keeps the stored one.
    const again = await executeOrgAction(orgActions["connector.save"], contextFor(handle.db, admin), org.slug, {
      tenantId: CREDS.tenantId,
      clientId: CREDS.clientId,
      clientSecret: "",
      replaceMode: "replace",
      azureQuery: "",
      m365Query: "",
    });
    expect(JSON.stringify(again)).not.toContain(CREDS.clientSecret);
    const kept = (await findConnection(handle.db, org.id))!;
    expect(kept.secretCiphertext).toBe(conn.secretCiphertext);
    expect(kept.replaceMode).toBe("replace");
  });

  it("without an encryption key the connection cannot be saved, and says why", async () => {
    const { org, users } = await seedOrg(handle.db, { admin: "admin" });
    const saved = process.env.PCP_ENCRYPTION_KEY;
    delete process.env.PCP_ENCRYPTION_KEY;
    try {
      const res = await executeOrgAction(orgActions["connector.save"], contextFor(handle.db, users.admin), org.slug, {
        ...CREDS,
        replaceMode: "ask",
        azureQuery: "",
        m365Query: "",
      });
      expect(res).toMatchObject({ ok: false, error: "conflict", message: expect.stringMatching(/PCP_ENCRYPTION_KEY/) });
      expect(await findConnection(handle.db, org.id)).toBeUndefined();
    } finally {
      process.env.PCP_ENCRYPTION_KEY = saved;
    }
  });

  it("Test connection names what failed: tenant, application, secret, Partner Center access, insights role", async () => {
    const check = async (values: Partial<typeof CREDS>, setup?: () => void) => {
      const { org } = await connectedOrg(values);
      fake.modes = FakePartnerCenter.defaultModes();
      setup?.();
      const result = await probeConnection(handle.db, org.id, deps);
      const conn = (await findConnection(handle.db, org.id))!;
      expect(conn.lastTestOk).toBe(result.ok);
      expect(conn.lastTestMessage).toBe(result.message);
      expect(result.message).not.toContain(CREDS.clientSecret);
      return result;
    };
    expect(await check({ tenantId: "99999999-9999-4999-8999-999999999999" })).toMatchObject({
      ok: false,
      kind: "token",
      message: expect.stringMatching(/AADSTS90002.*tenant id/),
    });
    expect(await check({ clientId: "99999999-9999-4999-8999-999999999999" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/AADSTS700016/),
    });
    expect(await check({ clientSecret: "wrong-secret" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/refused the client secret \(AADSTS7000215\)/),
    });
    expect(await check({}, () => (fake.modes.noPartnerCenterAccess = true))).toMatchObject({
      ok: false,
      kind: "no_access",
      message: expect.stringMatching(/no Partner Center access/),
    });
    expect(await check({}, () => (fake.modes.noInsightsRole = true))).toMatchObject({
      ok: false,
      kind: "insights_role",
      message: expect.stringMatching(/403.*insights role/),
    });
    expect(await check({})).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected/) });
  });

  it("a refresh imports both files through the upload pipeline, recomputes, and audits it as the connection", async () => {
    const { org, analyst } = await connectedOrg();
    const { run } = await refresh(org, analyst);
    expect(run).toMatchObject({ state: "succeeded", filesFetched: 2, error: null, trigger: "manual" });
    const made = await importsOf(org);
    expect(made.map((i) => [i.source, i.status, i.fileName, i.dataMonth])).toEqual(
      expect.arrayContaining([
        ["azure", "succeeded", `partner-center-azure-${dataMonth}.csv`, dataMonth],
        ["m365", "succeeded", `partner-center-m365-${dataMonth}.csv`, dataMonth],
      ]),
    );
    expect(run.rows).toBe(made.reduce((n, i) => n + i.rowsProcessed, 0));
    expect(run.rows).toBe(
      files.azure.toString().trim().split("\n").length - 1 + files.m365.toString().trim().split("\n").length - 1,
    );
    // The Partner Center column names were read through SPEC §3's aliases.
    expect(made.find((i) => i.source === "azure")!.columnMapping).toMatchObject({
      ServiceName: "ServiceLevel3",
      AssociationType: "PartnerAttributionType",
    });
    const state = await dataState(handle.db, org.id);
    expect(state.uploads).toBe(0);
    expect(state.revisions.every((r) => r.active && !r.staged)).toBe(true);
    expect(state.snapshots.some((s) => s.month === dataMonth)).toBe(true);
    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "data.import")));
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.actorUserId).toBeNull();
      expect(e.actorEmail).toBe("Partner Center connection");
      expect(e.after).toMatchObject({ via: "partner-center", connectorRunId: run.id });
    }
    // The default queries were created once each, and each report was executed for this run.
    expect([...fake.queries.values()].map((q) => q.query)).toEqual([
      expect.stringMatching(/FROM AzureUsage/),
      expect.stringMatching(/FROM OfficeUsage/),
    ]);
    // Only the token request carries the secret; the download link gets no token.
    for (const r of fake.requests) {
      if (!r.path.endsWith("/oauth2/token")) expect(r.body).not.toContain(CREDS.clientSecret);
      if (r.path.startsWith("/download/")) expect(r.authorization).toBeNull();
    }
  });

  it("a second refresh reuses the queries; months with data wait for a person, or are replaced when set so", async () => {
    const { org, admin } = await connectedOrg();
    expect((await refresh(org, admin)).run.state).toBe("succeeded");
    const firstQueries = [...fake.queries.keys()];
    const before = await dataState(handle.db, org.id);

    const asked = await refresh(org, admin);
    expect(asked.run).toMatchObject({
      state: "awaiting_confirmation",
      error: expect.stringMatching(/already have data/),
    });
    expect([...fake.queries.keys()]).toEqual(firstQueries);
    const after = await dataState(handle.db, org.id);
    expect(after.snapshots).toEqual(before.snapshots);
    expect(after.revisions.filter((r) => r.active)).toEqual(before.revisions.filter((r) => r.active));
    const waiting = (await importsOf(org)).filter((i) => i.status === "awaiting_confirmation");
    expect(waiting).toHaveLength(2);
    // A person decides as for an upload (here: cancel both), then switches the connection to replace.
    for (const imp of waiting) {
      const res = await executeOrgAction(orgActions["imports.decide"], contextFor(handle.db, admin), org.slug, {
        importId: imp.id,
        decision: "cancel",
      });
      expect(res).toMatchObject({ ok: true });
    }
    await executeOrgAction(orgActions["connector.save"], contextFor(handle.db, admin), org.slug, {
      tenantId: CREDS.tenantId,
      clientId: CREDS.clientId,
      clientSecret: "",
      replaceMode: "replace",
      azureQuery: "",
      m365Query: "",
    });
    const replaced = await refresh(org, admin);
    expect(replaced.run.state).toBe("succeeded");
    const last = await dataState(handle.db, org.id);
    expect(last.revisions.filter((r) => r.active).every((r) => r.revision === 2)).toBe(true);
  });

  it("a changed query text makes a new query in Partner Center", async () => {
    const { org, admin } = await connectedOrg();
    await executeOrgAction(orgActions["connector.save"], contextFor(handle.db, admin), org.slug, {
      tenantId: CREDS.tenantId,
      clientId: CREDS.clientId,
      clientSecret: "",
      replaceMode: "ask",
      azureQuery:
        "SELECT CustomerTenantId, CustomerName, Month, ServiceLevel3, PartnerAttributionType, ACR_USD FROM AzureUsage TIMESPAN LAST_1_YEAR",
      m365Query: "",
    });
    expect((await refresh(org, admin)).run.state).toBe("succeeded");
    expect([...fake.queries.values()].map((q) => q.query)).toContainEqual(expect.stringMatching(/LAST_1_YEAR$/));
  });

  it("a token that expires mid-run is renewed and the run completes", async () => {
    const { org, admin } = await connectedOrg();
    fake.modes.tokenValidFor = 2;
    const { run } = await refresh(org, admin);
    expect(run.state).toBe("succeeded");
    expect(fake.requests.some((r) => r.path.startsWith("/insights") && r.authorization && fake.tokensIssued > 2)).toBe(
      true,
    );
  });

  it("429 with Retry-After is honoured: a short wait in place, a long one re-queues the step", async () => {
    const { org, admin } = await connectedOrg();
    fake.modes.throttle = { count: 1, retryAfter: "1" };
    const first = await refresh(org, admin);
    expect(first.run.state).toBe("succeeded");
    const i = fake.requests.findIndex((r) => r.path.startsWith("/insights"));
    expect(fake.requests[i + 1]!.at - fake.requests[i]!.at).toBeGreaterThanOrEqual(990);

    const { org: org2, admin: admin2 } = await connectedOrg();
    fake.reset(files);
    fake.modes.throttle = { count: 1, retryAfter: "120" };
    const res = await executeOrgAction(orgActions["connector.refresh"], contextFor(handle.db, admin2), org2.slug, {});
    if (!res.ok) throw new Error(res.message);
    const second = await driveRun(handle.db, res.data.runId, deps);
    expect(second.run.state).toBe("succeeded");
    // The step asked to be run again after Retry-After (120 s), not sooner; the worker was not held meanwhile.
    expect(second.delays[0]).toBeGreaterThan(110_000);
  });

  it("5xx answers are retried with backoff", async () => {
    const { org, admin } = await connectedOrg();
    fake.modes.serverErrors = 3;
    expect((await refresh(org, admin)).run.state).toBe("succeeded");
    expect(fake.requests.filter((r) => r.path.startsWith("/insights")).length).toBeGreaterThan(6);
  });

  it("an execution that stays pending is polled again later, with growing delays, then imported", async () => {
    const { org, admin } = await connectedOrg();
    fake.modes.pendingReads = 3;
    const { run, delays } = await refresh(org, admin);
    expect(run.state).toBe("succeeded");
    expect(run.polls).toBeGreaterThanOrEqual(2);
    // 30 s first, then doubling: the waits were asked of the job queue, not slept.
    const polls = delays.filter((d) => d > 20_000);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls[1]!).toBeGreaterThan(polls[0]!);
  });

  it("an expired download link is fetched again from the execution", async () => {
    const { org, admin } = await connectedOrg();
    fake.modes.expiredLinks = 2;
    const { run } = await refresh(org, admin);
    expect(run.state).toBe("succeeded");
    const downloads = fake.requests.filter((r) => r.path.startsWith("/download/"));
    expect(downloads.length).toBe(4);
    expect(new Set(downloads.map((d) => d.path)).size).toBeGreaterThanOrEqual(3);
  });

  it("a malformed file: the run changes no data, the other file is not put in use, and the run says why", async () => {
    const { org, admin } = await connectedOrg();
    expect((await refresh(org, admin)).run.state).toBe("succeeded");
    const before = await dataState(handle.db, org.id);
    fake.reset({ azure: files.azure, m365: malformed(files.m365) });
    await executeOrgAction(orgActions["connector.save"], contextFor(handle.db, admin), org.slug, {
      tenantId: CREDS.tenantId,
      clientId: CREDS.clientId,
      clientSecret: "",
      replaceMode: "replace",
      azureQuery: "",
      m365Query: "",
    });
    const { run } = await refresh(org, admin);
    expect(run.state).toBe("invalid");
    expect(run.error).toMatch(
      /Microsoft 365 licences file was rejected with 1 error \(first: line 3, CustomerTenantId/,
    );
    expect(run.error).toMatch(/Nothing from this run was put in use/);
    expect(await dataState(handle.db, org.id)).toEqual(before);
    const latest = (await importsOf(org)).slice(-2);
    expect(latest.map((i) => i.status).sort()).toEqual(["cancelled", "invalid"]);
  });

  it("a file over the import limit is refused while it streams, and nothing is stored", async () => {
    const big = { azure: padded(files.azure, 11 * 1024 * 1024), m365: files.m365 };
    expect(big.azure.length).toBeGreaterThan(10 * 1024 * 1024);
    const { org, admin } = await connectedOrg();
    fake.reset(big);
    const before = await dumpTables(handle.db);
    const res = await executeOrgAction(orgActions["connector.refresh"], contextFor(handle.db, admin), org.slug, {});
    if (!res.ok) throw new Error(res.message);
    const { run } = await driveRun(handle.db, res.data.runId, { ...deps, maxBytes: 10 * 1024 * 1024 });
    expect(run.state).toBe("failed");
    expect(run.error).toMatch(/larger than the import limit of 10\.0 MB \(IMPORT_MAX_BYTES\)/);
    expect(await importsOf(org)).toEqual([]);
    expect((await dataState(handle.db, org.id)).uploads).toBe(0);
    expect(before).toContain(org.id);
  });

  it("a file over 10 MB within the limit is streamed into the upload store and imported whole", async () => {
    const big = { azure: padded(files.azure, 11 * 1024 * 1024), m365: files.m365 };
    const { org, admin } = await connectedOrg();
    fake.reset(big);
    const { run } = await refresh(org, admin);
    expect(run).toMatchObject({ state: "succeeded", error: null });
    const azure = (await importsOf(org)).find((i) => i.source === "azure")!;
    expect(azure.byteSize).toBe(big.azure.length);
    expect(azure.rowsProcessed).toBe(big.azure.toString().trim().split("\n").length - 1);
  });

  it("a wrong secret or a failed execution fails the run with the reason, and stores nothing", async () => {
    const { org, admin } = await connectedOrg({ clientSecret: "not-the-secret" });
    const failed = await refresh(org, admin);
    expect(failed.run).toMatchObject({ state: "failed", error: expect.stringMatching(/AADSTS7000215/) });
    expect(await importsOf(org)).toEqual([]);

    const { org: org2, admin: admin2 } = await connectedOrg();
    fake.modes.executionFails = "Query timed out";
    const res = await executeOrgAction(orgActions["connector.refresh"], contextFor(handle.db, admin2), org2.slug, {});
    if (!res.ok) throw new Error(res.message);
    const { run } = await driveRun(handle.db, res.data.runId, deps);
    expect(run).toMatchObject({ state: "failed", error: expect.stringMatching(/ended "Failed": Query timed out/) });
    expect(await dataState(handle.db, org2.id)).toEqual({ revisions: [], snapshots: [], uploads: 0 });
  });

  it("a second Refresh now while a run is going joins it", async () => {
    const { org, admin } = await connectedOrg();
    const first = await executeOrgAction(orgActions["connector.refresh"], contextFor(handle.db, admin), org.slug, {});
    const second = await executeOrgAction(orgActions["connector.refresh"], contextFor(handle.db, admin), org.slug, {});
    expect(first).toMatchObject({ ok: true, data: { joined: false } });
    expect(second).toMatchObject({ ok: true, data: { joined: true } });
    if (!first.ok || !second.ok) return;
    expect(second.data.runId).toBe(first.data.runId);
    expect((await driveRun(handle.db, first.data.runId, deps)).run.state).toBe("succeeded");
  });

  it("the monthly check after the 20th asks each connected organisation with a missing month for a refresh, once", async () => {
    const { org } = await connectedOrg();
    const today = new Date();
    today.setUTCDate(21);
    await runMonthlyCycle(handle.db, today);
    await runMonthlyCycle(handle.db, today);
    const runs = await handle.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, "connector.refresh"), eq(jobs.organizationId, org.id)));
    expect(runs).toHaveLength(1);
    const run = (await findRun(handle.db, String(runs[0]!.payload.runId)))!;
    expect(run).toMatchObject({
      state: "queued",
      trigger: "monthly",
      requestedBy: null,
      dataMonth: expectedDataMonth(today),
    });
  });

  it("key rotation: the previous key still decrypts, and the re-encrypt step moves every secret to the new key", async () => {
    const oldEnv = connectorEnv({ PCP_ENCRYPTION_KEY: TEST_PREVIOUS_KEY });
    process.env.PCP_ENCRYPTION_KEY = TEST_PREVIOUS_KEY;
    let org: Organization;
    try {
      ({ org } = await connectedOrg());
    } finally {
      process.env.PCP_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
    }
    expect((await findConnection(handle.db, org.id))!.secretKeyId).toBe(oldEnv.keys[0]!.id);
    // Without the previous key, the secret cannot be read and the test says what to do.
    expect(await probeConnection(handle.db, org.id, deps)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cannot be decrypted.*Enter the client secret again/),
    });
    const rotating = connectorEnv({
      PCP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      PCP_ENCRYPTION_KEY_PREVIOUS: TEST_PREVIOUS_KEY,
      PARTNER_CENTER_API_URL: fake.url,
      PARTNER_CENTER_AUTHORITY_URL: fake.url,
    });
    expect(await probeConnection(handle.db, org.id, { ...deps, env: rotating })).toMatchObject({ ok: true });
    const { resealed } = await reencryptSecrets(handle.db, rotating);
    expect(resealed).toBeGreaterThanOrEqual(1);
    // No secret is left under the previous key, and this organisation's carries the current one. (Other tests'
    // organisations may hold secrets sealed under keys this step was not given: it counts those as unreadable.)
    for (const conn of await listConnections(handle.db)) expect(conn.secretKeyId).not.toBe(oldEnv.keys[0]!.id);
    expect((await findConnection(handle.db, org.id))!.secretKeyId).toBe(env.keys[0]!.id);
    expect(await probeConnection(handle.db, org.id, deps)).toMatchObject({ ok: true });
  });

  it("requestRefresh in a rolled-back transaction leaves no run and no job", async () => {
    const { org } = await connectedOrg();
    const before = await dumpTables(handle.db);
    await expect(
      handle.db.transaction(async (tx) => {
        await requestRefresh(tx, { organizationId: org.id, trigger: "manual", requestedBy: null, dataMonth });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await dumpTables(handle.db)).toBe(before);
  });
});
