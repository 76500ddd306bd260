import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import {
  compareSnapshotTenants,
  findSnapshotPreview,
  findSnapshotSummary,
  listSnapshots,
  listSnapshotTenants,
  tenantHistory,
  type TenantRow,
} from "@/db/queries/snapshots";
import { findSnapshot } from "./helpers/snapshots";
import { jobs, manualScores, organizations, snapshots, type User } from "@/db/schema";
import { listManualScores } from "@/db/queries/manual-scores";
import { generateDataset } from "@/lib/generator";
import { countsNow } from "@/lib/snapshot-view";
import { changesOf } from "@/lib/snapshot-changes";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { scoringFixtures } from "../helpers/fixtures";
import { settle, uploadFile } from "./helpers/imports";
import { auditRows, contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

/** An organisation with generated data for 2025-01 … 2026-10, imported through the real pipeline. */
async function importGenerated(db: DbHandle["db"], tenants: number) {
  const { org, users } = await seedOrg(db, { admin: "admin", analyst: "analyst", viewer: "viewer" });
  let azure = "";
  let m365 = "";
  await generateDataset(
    { tenants, months: 26, seed: 7, toMonth: "2026-10" },
    { azure: (c) => void (azure += c), m365: (c) => void (m365 += c) },
  );
  const target = { organizationId: org.id, userId: users.admin.id };
  expect((await settle(db, await uploadFile(db, target, "azure", azure, "2026-10")))!.status).toBe("succeeded");
  expect((await settle(db, await uploadFile(db, target, "m365", m365, "2026-10")))!.status).toBe("succeeded");
  await settle(db);
  return { org, users };
}

async function allTenants(db: DbHandle["db"], snapshotId: string): Promise<TenantRow[]> {
  const page = await listSnapshotTenants(db, snapshotId, { pageSize: 100_000 });
  return page.rows;
}

describe(`dashboards and snapshots (${testDriver()})`, () => {
  let handle: DbHandle;
  let world: Awaited<ReturnType<typeof importGenerated>>;
  beforeAll(async () => {
    handle = await createTestDb();
    world = await importGenerated(handle.db, 120);
  });
  afterAll(async () => handle.close());

  describe("snapshot tenant table", () => {
    it("pages through every tenant exactly once, in name order", async () => {
      const db = handle.db;
      const snapshot = (await findSnapshot(db, world.org.id, "2026-10"))!;
      const everyone = await allTenants(db, snapshot.id);
      expect(everyone.length).toBeGreaterThan(50);
      const seen: string[] = [];
      let pages = 0;
      for (let page = 1; ; page++) {
        const res = await listSnapshotTenants(db, snapshot.id, { page, pageSize: 25 });
        expect(res.total).toBe(everyone.length);
        pages = res.pages;
        seen.push(...res.rows.map((r) => r.tenantId));
        if (page >= res.pages) break;
      }
      expect(pages).toBe(Math.ceil(everyone.length / 25));
      expect(new Set(seen).size).toBe(everyone.length);
      expect(seen).toEqual(everyone.map((r) => r.tenantId));
      const names = everyone.map((r) => r.customerName);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it("a page past the end shows the last page", async () => {
      const snapshot = (await findSnapshot(handle.db, world.org.id))!;
      const res = await listSnapshotTenants(handle.db, snapshot.id, { page: 9999, pageSize: 25 });
      expect(res.page).toBe(res.pages);
      expect(res.rows.length).toBeGreaterThan(0);
    });

    it("sorts by eligible ACR and by peak units, both ways", async () => {
      const snapshot = (await findSnapshot(handle.db, world.org.id))!;
      const desc = (
        await listSnapshotTenants(handle.db, snapshot.id, { sort: "acr", dir: "desc", pageSize: 100 })
      ).rows.map((r) => r.acrCurrentMicros);
      expect(desc).toEqual([...desc].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
      const asc = (
        await listSnapshotTenants(handle.db, snapshot.id, { sort: "units", dir: "asc", pageSize: 100 })
      ).rows.map((r) => r.peakUnitsCurrent);
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
    });

    it("filters by status per source and track, matching the stored totals", async () => {
      const db = handle.db;
      const snapshot = (await findSnapshot(db, world.org.id, "2026-10"))!;
      const everyone = await allTenants(db, snapshot.id);
      const gainedAzure = await listSnapshotTenants(db, snapshot.id, {
        column: "azure",
        status: "gained",
        pageSize: 100,
      });
      expect(gainedAzure.total).toBe(everyone.filter((r) => r.azureStatus === "gained").length);
      expect(gainedAzure.rows.every((r) => r.azureStatus === "gained")).toBe(true);
      const lostAnywhere = await listSnapshotTenants(db, snapshot.id, { column: "any", status: "lost", pageSize: 100 });
      expect(lostAnywhere.total).toBe(
        everyone.filter(
          (r) => r.azureStatus === "lost" || r.m365EnterpriseStatus === "lost" || r.m365SmbStatus === "lost",
        ).length,
      );
      // The table agrees with the snapshot's own counts.
      const { tracks } = snapshot.result;
      expect(everyone.filter((r) => countsNow(r.azureStatus)).length).toBe(tracks.enterprise.azure.current);
      expect(everyone.filter((r) => countsNow(r.m365EnterpriseStatus)).length).toBe(tracks.enterprise.m365.current);
      expect(everyone.filter((r) => countsNow(r.m365SmbStatus)).length).toBe(tracks.smb.m365.current);
      const net =
        everyone.filter((r) => r.azureStatus === "gained").length -
        everyone.filter((r) => r.azureStatus === "lost").length;
      expect(net).toBe(tracks.enterprise.azure.net);
    });

    it("searches by part of the name (case-insensitive) or the start of the tenant id; wildcards are literal", async () => {
      const db = handle.db;
      const snapshot = (await findSnapshot(db, world.org.id))!;
      const everyone = await allTenants(db, snapshot.id);
      const someone = everyone[7]!;
      const part = someone.customerName.slice(1, 5).toUpperCase();
      const byName = await listSnapshotTenants(db, snapshot.id, { q: part, pageSize: 100 });
      expect(byName.rows.map((r) => r.tenantId)).toContain(someone.tenantId);
      expect(byName.total).toBe(
        everyone.filter((r) => r.customerName.toLowerCase().includes(part.toLowerCase())).length,
      );
      const byId = await listSnapshotTenants(db, snapshot.id, { q: someone.tenantId.slice(0, 13).toUpperCase() });
      expect(byId.rows.map((r) => r.tenantId)).toEqual([someone.tenantId]);
      expect((await listSnapshotTenants(db, snapshot.id, { q: "%" })).total).toBe(
        everyone.filter((r) => r.customerName.includes("%")).length,
      );
    });
  });

  it("the dashboard's insights are the stored ones, cut to the first few of each list with the true counts", async () => {
    const full = (await findSnapshot(handle.db, world.org.id))!;
    const preview = (await findSnapshotPreview(handle.db, world.org.id, undefined, 3))!;
    const { insights, ...summary } = full;
    expect(insights!.nearMisses.length).toBeGreaterThan(3); // the cut is exercised
    expect(preview.insights).toEqual({
      gap: insights!.gap,
      projection: insights!.projection,
      nearMisses: insights!.nearMisses.slice(0, 3),
      atRisk: insights!.atRisk.slice(0, 3),
      totals: { nearMisses: insights!.nearMisses.length, atRisk: insights!.atRisk.length },
    });
    expect({ ...preview, insights: undefined }).toEqual({ ...summary, insights: undefined });
    expect(await findSnapshotSummary(handle.db, world.org.id, full.month)).toEqual(summary);
    expect(await findSnapshotPreview(handle.db, world.org.id, "1999-01")).toBeNull();
  });

  it("lists one snapshot per data month, newest first", async () => {
    const list = await listSnapshots(handle.db, world.org.id);
    expect(list[0]!.month).toBe("2026-10");
    expect(list.map((s) => s.month)).toEqual([...list.map((s) => s.month)].sort().reverse());
    expect(new Set(list.map((s) => s.month)).size).toBe(list.length);
  });

  it("compares two months: tenants that changed windows for some source, as the two tables say", async () => {
    const db = handle.db;
    const a = (await findSnapshot(db, world.org.id, "2026-04"))!;
    const b = (await findSnapshot(db, world.org.id, "2026-10"))!;
    const before = new Map((await allTenants(db, a.id)).map((r) => [r.tenantId, r]));
    const after = new Map((await allTenants(db, b.id)).map((r) => [r.tenantId, r]));
    const keys = ["azureStatus", "m365EnterpriseStatus", "m365SmbStatus"] as const;
    const expected = [...new Set([...before.keys(), ...after.keys()])].filter((id) =>
      keys.some((k) => changesOf(before.get(id)?.[k] ?? null, after.get(id)?.[k] ?? null).length > 0),
    );
    const diff = await compareSnapshotTenants(db, a.id, b.id, 10_000);
    expect(diff.total).toBe(expected.length);
    expect(diff.tenants.map((t) => t.tenantId).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it("a tenant's history has its row from every snapshot it appears in", async () => {
    const db = handle.db;
    const snapshot = (await findSnapshot(db, world.org.id))!;
    const [someone] = (await listSnapshotTenants(db, snapshot.id, { column: "azure", status: "retained", pageSize: 1 }))
      .rows;
    const history = await tenantHistory(db, world.org.id, someone!.tenantId);
    const months = (await listSnapshots(db, world.org.id)).map((s) => s.month);
    expect(history[0]!.month).toBe("2026-10");
    expect(history.every((h) => months.includes(h.month))).toBe(true);
    expect(history[0]!.details.tenantId).toBe(someone!.tenantId);
    // Another organisation sees nothing of it.
    const other = await seedOrg(db, { admin: "admin" });
    expect(await tenantHistory(db, other.org.id, someone!.tenantId)).toEqual([]);
  });

  describe("CSV exports", () => {
    it("the tenant table of a worked example, with its figures", async () => {
      const db = handle.db;
      const fixture = scoringFixtures().find((f) => f.name === "max-enterprise")!;
      const { org, users } = await seedOrg(db, { viewer: "viewer", admin: "admin" });
      await settle(
        db,
        await uploadFile(
          db,
          { organizationId: org.id, userId: users.admin.id },
          "azure",
          { path: fixture.azure! },
          "2026-10",
        ),
      );
      await settle(db);
      const res = await executeOrgAction(orgActions["snapshots.export"], contextFor(db, users.viewer), org.slug, {
        month: "2026-10",
      });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const lines = res.data.csv.trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        "tenant_id,customer_name,azure_status,m365_enterprise_status,m365_smb_status,net_enterprise,net_smb,eligible_acr_current_usd,eligible_acr_previous_usd,acr_shortfall_current_usd,peak_paid_units_current,peak_workload_current,excluded_service_usd,excluded_offer_usd,excluded_association_type_usd,excluded_duplicate_usd",
      );
      expect(lines).toHaveLength(11);
      for (const line of lines.slice(1)) {
        expect(line).toMatch(/^[0-9a-f-]{36},[^,]*,gained,not-qualifying,not-qualifying,1,1,600\.00,0\.00,0\.00,0,,/);
      }
      const audit = await auditRows(db, org.id);
      expect(audit.at(-1)).toMatchObject({ action: "snapshots.export", actorUserId: users.viewer.id });
    });

    it("honours the page's filters and writes negative numbers as numbers", async () => {
      const db = handle.db;
      const lost = await executeOrgAction(
        orgActions["snapshots.export"],
        contextFor(db, world.users.viewer),
        world.org.slug,
        {
          month: "2026-10",
          column: "azure",
          status: "lost",
        },
      );
      expect(lost.ok).toBe(true);
      if (!lost.ok) return;
      const rows = lost.data.csv.trimEnd().split("\r\n").slice(1);
      const snapshot = (await findSnapshot(db, world.org.id, "2026-10"))!;
      expect(rows.length).toBe((await listSnapshotTenants(db, snapshot.id, { column: "azure", status: "lost" })).total);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.split(",")).toContain("lost");
      expect(rows.some((r) => /,-1,/.test(r))).toBe(true);
    });

    it("a month without a snapshot is not found", async () => {
      const res = await executeOrgAction(
        orgActions["snapshots.export"],
        contextFor(handle.db, world.users.viewer),
        world.org.slug,
        { month: "2019-01" },
      );
      expect(res).toMatchObject({ ok: false, error: "not_found" });
    });

    it("the trend data: one line per month and track from the stored results", async () => {
      const db = handle.db;
      const res = await executeOrgAction(
        orgActions["trends.export"],
        contextFor(db, world.users.viewer),
        world.org.slug,
        {},
      );
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const lines = res.data.csv.trimEnd().split("\r\n");
      const list = await listSnapshots(db, world.org.id);
      expect(lines).toHaveLength(1 + 2 * list.length);
      const latest = list[0]!.result.tracks.smb;
      expect(lines.at(-1)).toBe(
        [
          "2026-10",
          "smb",
          latest.azure.current,
          latest.azure.previous,
          latest.azure.net,
          latest.m365.current,
          latest.m365.previous,
          latest.m365.net,
          latest.netCustomerAdds,
          latest.points,
          "security-2025",
          "any-month",
        ].join(","),
      );
    });
  });

  describe("points entered by hand", () => {
    const enter = (user: User | null, slug: string, input: Record<string, unknown>) =>
      executeOrgAction(orgActions["scores.enterManual"], contextFor(handle.db, user), slug, input);

    it("an analyst enters Skilling and Customer Success points; each change is audited with who and when", async () => {
      const db = handle.db;
      const { org, users } = await seedOrg(db, { analyst: "analyst" });
      const res = await enter(users.analyst, org.slug, {
        month: "2026-10",
        track: "smb",
        skilling: "35",
        deployments: "12",
        usageGrowth: "",
      });
      expect(res).toMatchObject({ ok: true, data: { changed: 2 } });
      const entries = await listManualScores(db, org.id, "2026-10");
      expect(entries.map((e) => [e.track, e.metric, e.points, e.enteredBy])).toEqual([
        ["smb", "deployments", 12, users.analyst.name],
        ["smb", "skilling", 35, users.analyst.name],
      ]);
      const audit = (await auditRows(db, org.id)).filter((a) => a.action === "scores.enterManual");
      expect(audit.map((a) => [a.objectId, a.before, a.after])).toEqual([
        ["2026-10/smb/skilling", { points: null }, { points: 35 }],
        ["2026-10/smb/deployments", { points: null }, { points: 12 }],
      ]);
    });

    it("entering a value again replaces it; an empty field clears it; unchanged values write nothing", async () => {
      const db = handle.db;
      const { org, users } = await seedOrg(db, { admin: "admin" });
      await enter(users.admin, org.slug, {
        month: "2026-10",
        track: "enterprise",
        skilling: "10",
        deployments: "5",
        usageGrowth: "5",
      });
      const again = await enter(users.admin, org.slug, {
        month: "2026-10",
        track: "enterprise",
        skilling: "40",
        deployments: "",
        usageGrowth: "5",
      });
      expect(again).toMatchObject({ ok: true, data: { changed: 2 } });
      const entries = await listManualScores(db, org.id, "2026-10");
      expect(entries.map((e) => [e.metric, e.points])).toEqual([
        ["skilling", 40],
        ["usageGrowth", 5],
      ]);
      const auditBefore = (await auditRows(db, org.id)).length;
      expect(
        await enter(users.admin, org.slug, {
          month: "2026-10",
          track: "enterprise",
          skilling: "40",
          deployments: "",
          usageGrowth: "5",
        }),
      ).toMatchObject({
        ok: true,
        data: { changed: 0 },
      });
      expect((await auditRows(db, org.id)).length).toBe(auditBefore);
    });

    it("refuses points above a metric's maximum, negative or fractional points, and a bad month", async () => {
      const db = handle.db;
      const { org, users } = await seedOrg(db, { admin: "admin" });
      const res = await enter(users.admin, org.slug, {
        month: "2026-13",
        track: "smb",
        skilling: "41",
        deployments: "-1",
        usageGrowth: "2.5",
      });
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error).toBe("invalid_input");
      expect(Object.keys(res.fieldErrors ?? {}).sort()).toEqual(["deployments", "month", "skilling", "usageGrowth"]);
      expect(res.fieldErrors?.skilling).toEqual(["At most 40 points."]);
      expect(await db.select().from(manualScores).where(eq(manualScores.organizationId, org.id))).toEqual([]);
    });

    it("a viewer may not enter points, and nothing is stored", async () => {
      const db = handle.db;
      const { org, users } = await seedOrg(db, { viewer: "viewer" });
      expect(
        await enter(users.viewer, org.slug, {
          month: "2026-10",
          track: "smb",
          skilling: "35",
          deployments: "",
          usageGrowth: "",
        }),
      ).toMatchObject({
        ok: false,
        error: "forbidden",
      });
      expect(await db.select().from(manualScores).where(eq(manualScores.organizationId, org.id))).toEqual([]);
      expect(await auditRows(db, org.id)).toEqual([]);
    });
  });

  describe("changing the rules", () => {
    const change = (user: User | null, slug: string, input: Record<string, unknown>) =>
      executeOrgAction(orgActions["org.changeRules"], contextFor(handle.db, user), slug, input);

    it("an admin's change is saved, audited and recomputes every snapshot with the new rules", async () => {
      const db = handle.db;
      const fixture = scoringFixtures().find((f) => f.name === "exclusions-2026")!;
      const { org, users } = await seedOrg(db, { admin: "admin" });
      const target = { organizationId: org.id, userId: users.admin.id };
      await settle(db, await uploadFile(db, target, "azure", { path: fixture.azure! }, "2026-10"));
      await settle(db, await uploadFile(db, target, "m365", { path: fixture.m365! }, "2026-10"));
      await settle(db);
      const before = (await findSnapshot(db, org.id, "2026-10"))!;
      expect(before.ruleSet).toBe("security-2025");

      const res = await change(users.admin, org.slug, { ruleSet: "security-2026", m365Basis: "any-month" });
      expect(res).toMatchObject({ ok: true, data: { changed: true } });
      const [saved] = await db.select().from(organizations).where(eq(organizations.id, org.id));
      expect(saved).toMatchObject({ ruleSet: "security-2026", m365Basis: "any-month" });
      const queued = await db
        .select()
        .from(jobs)
        .where(and(eq(jobs.organizationId, org.id), eq(jobs.kind, "snapshots.recompute")));
      expect(queued.map((j) => j.dedupeKey)).toContain(`recompute:${org.id}`);
      const audit = (await auditRows(db, org.id)).filter((a) => a.action === "org.changeRules");
      expect(audit.map((a) => [a.before, a.after])).toEqual([
        [
          { ruleSet: "security-2025", m365Basis: "any-month" },
          { ruleSet: "security-2026", m365Basis: "any-month" },
        ],
      ]);

      await settle(db);
      const snapshot = (await findSnapshot(db, org.id, "2026-10"))!;
      expect(snapshot.ruleSet).toBe("security-2026");
      expect(snapshot.version).toBe(before.version + 1);
      const expected = JSON.parse(
        await import("node:fs").then((fs) => fs.readFileSync(`${fixture.dir}/expected.json`, "utf8")),
      );
      expect(snapshot.result.tracks).toEqual(expected.tracks);
      // The earlier version is kept; only the new one is latest.
      const versions = await db
        .select()
        .from(snapshots)
        .where(and(eq(snapshots.organizationId, org.id), eq(snapshots.month, "2026-10")));
      expect(versions.filter((v) => v.latest).map((v) => v.version)).toEqual([before.version + 1]);
      expect(versions.some((v) => v.version === before.version && v.ruleSet === "security-2025")).toBe(true);
    });

    it("no change: nothing saved, nothing queued, nothing audited", async () => {
      const db = handle.db;
      const { org, users } = await seedOrg(db, { admin: "admin" });
      expect(await change(users.admin, org.slug, { ruleSet: "security-2025", m365Basis: "any-month" })).toMatchObject({
        ok: true,
        data: { changed: false },
      });
      expect(await db.select().from(jobs).where(eq(jobs.organizationId, org.id))).toEqual([]);
      expect(await auditRows(db, org.id)).toEqual([]);
    });

    it("refuses an unknown rule set or basis, and analysts and viewers", async () => {
      const db = handle.db;
      const { org, users } = await seedOrg(db, { admin: "admin", analyst: "analyst", viewer: "viewer" });
      expect(await change(users.admin, org.slug, { ruleSet: "security-1999", m365Basis: "sometimes" })).toMatchObject({
        ok: false,
        error: "invalid_input",
      });
      for (const who of [users.analyst, users.viewer]) {
        expect(await change(who, org.slug, { ruleSet: "security-2026", m365Basis: "last-month" })).toMatchObject({
          ok: false,
          error: "forbidden",
        });
      }
      const [saved] = await db.select().from(organizations).where(eq(organizations.id, org.id));
      expect(saved).toMatchObject({ ruleSet: "security-2025", m365Basis: "any-month" });
      expect(await db.select().from(jobs).where(eq(jobs.organizationId, org.id))).toEqual([]);
    });
  });

  it("snapshot_tenants has the two indexes the pages rely on, and no more (each one slows every recompute)", async () => {
    const rows = await handle.db.execute(sql`select indexname from pg_indexes where tablename = 'snapshot_tenants'`);
    const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as {
      indexname: string;
    }[];
    expect(list.map((r) => r.indexname).sort()).toEqual([
      "snapshot_tenants_snapshot_idx",
      "snapshot_tenants_tenant_idx",
    ]);
  });
});
