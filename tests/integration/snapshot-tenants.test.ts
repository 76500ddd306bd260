/**
 * The recompute's own path (rows classified and summed by the database, every month from one SnapshotSeries,
 * compact stored figures) against the engine run on the same files, as the CLI runs it: for every snapshot
 * month, the stored result, the insights and every tenant's explanation (rebuilt from the stored figures) equal
 * scoreAggregates, the insights functions and describeTenant.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { listSnapshots, streamSnapshotTenants, tenantHistory } from "@/db/queries/snapshots";
import { findSnapshot } from "./helpers/snapshots";
import { snapshots } from "@/db/schema";
import { generateDataset } from "@/lib/generator";
import {
  getRuleSet,
  loadAggregates,
  scoreAggregates,
  snapshotInsights,
  windowsFor,
  type M365Basis,
} from "@/lib/scoring";
import { textInput } from "@/lib/scoring/test-support";
import { decideImportAction } from "@/server/actions/imports";
import { recomputeSnapshots } from "@/server/snapshots/recompute";
import { createTestDb, testDriver } from "./helpers/test-db";
import { runHandler, seedOrg, settle, uploadFile } from "./helpers/imports";

async function dataset(tenants: number, months: number) {
  let azure = "";
  let m365 = "";
  await generateDataset(
    { tenants, months, seed: 11, toMonth: "2026-10" },
    { azure: (c) => void (azure += c), m365: (c) => void (m365 += c) },
  );
  return { azure, m365 };
}

describe(`stored tenant rows equal the engine on the files (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  for (const [ruleSet, basis] of [
    ["security-2025", "any-month"],
    ["security-2026", "last-month"],
  ] as const) {
    it(`every month, every tenant, ${ruleSet} ${basis}`, async () => {
      const files = await dataset(40, 30);
      const { org, user } = await seedOrg(h.db, { ruleSet, m365Basis: basis });
      for (const source of ["azure", "m365"] as const) {
        expect(
          (await settle(
            h.db,
            await uploadFile(h.db, { organizationId: org.id, userId: user.id }, source, files[source], "2026-10"),
          ))!.status,
        ).toBe("succeeded");
      }
      const loaded = await loadAggregates(getRuleSet(ruleSet), {
        azure: { file: "azure.csv", input: textInput(files.azure) },
        m365: { file: "m365.csv", input: textInput(files.m365) },
      });
      if (!loaded.ok) throw new Error("the generated files do not load");
      const aggregates = loaded.aggregates;
      const check = async () => {
        const stored = await listSnapshots(h.db, org.id);
        expect(stored.length).toBe(30);
        let explained = 0;
        for (const { month } of stored) {
          const options = { month, m365Basis: basis as M365Basis };
          const { customers, ...result } = scoreAggregates(aggregates, { ...options, details: true });
          const snapshot = (await findSnapshot(h.db, org.id, month))!;
          expect(snapshot.result).toEqual(result);
          expect(snapshot.insights).toEqual(snapshotInsights(result, aggregates, options));
          // The snapshot's tenants: those with rows in M-23 … M, each explained as describeTenant explains it.
          const w = windowsFor(month, getRuleSet(ruleSet).data.windowMonths);
          const inInputs = customers!.filter((c) => {
            const t = aggregates.tenants.get(c.tenantId)!;
            return [...t.azure.keys(), ...t.m365.keys()].some((i) => i >= w.previous.from && i <= w.current.to);
          });
          const rows = [];
          for await (const row of streamSnapshotTenants(h.db, snapshot, { sort: "tenant" })) rows.push(row.details);
          expect(rows).toEqual(inInputs);
          explained += rows.length;
        }
        expect(explained).toBeGreaterThan(300);
        // The tenant page's reading: one tenant across months.
        const someone = aggregates.tenants.values().next().value!;
        const history = await tenantHistory(h.db, org.id, someone.tenantId);
        expect(history.length).toBeGreaterThan(0);
        for (const month of history) {
          const detail = scoreAggregates(aggregates, {
            month: month.month,
            m365Basis: basis,
            details: true,
          }).customers!.find((c) => c.tenantId === someone.tenantId);
          expect(month.details).toEqual(detail);
        }
      };
      await check();
      // The same, scored 7 tenants at a time (the 40 tenants in 6 chunks, as a large organisation is): every
      // month made stale by hand, so all of them get a new version from the chunked recompute.
      await h.db.update(snapshots).set({ latest: false }).where(eq(snapshots.organizationId, org.id));
      expect((await recomputeSnapshots(h.db, org.id, { tenantsPerChunk: 7 })).recomputed.length).toBe(30);
      await check();
    });
  }

  it("a second recompute changes nothing; a replaced month adds versions of the months that read it, old ones kept", async () => {
    const files = await dataset(10, 14);
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    await settle(h.db, await uploadFile(h.db, target, "azure", files.azure, "2026-10"));
    const before = await h.db.select().from(snapshots).where(eq(snapshots.organizationId, org.id));
    expect(before.length).toBe(14);
    expect((await recomputeSnapshots(h.db, org.id)).recomputed).toEqual([]);
    const tenantId = files.azure.split("\n")[1]!.split(",")[0];
    const changed = `CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n${tenantId},Changed,2026-09,Key Vault,Azure Plan,PAL,1000\n`;
    const id = await uploadFile(h.db, target, "azure", changed, "2026-10");
    const waiting = await settle(h.db, id);
    expect(waiting!.status).toBe("awaiting_confirmation");
    await runHandler(h.db, decideImportAction, org.id, { importId: id, decision: "replace" });
    await settle(h.db);
    const after = await h.db.select().from(snapshots).where(eq(snapshots.organizationId, org.id));
    const newer = after
      .filter((s) => s.version === 2)
      .map((s) => s.month)
      .sort();
    expect(newer).toEqual(["2026-09", "2026-10"]);
    expect(after.length).toBe(16);
    expect(after.filter((s) => s.latest).length).toBe(14);
    // The old versions keep their tenant rows.
    const old = before.find((s) => s.month === "2026-10")!;
    const rows = [];
    for await (const row of streamSnapshotTenants(h.db, old, {})) rows.push(row);
    expect(rows.length).toBeGreaterThan(0);
  });
});
