/**
 * A rule set is data, and every consumer is derived from it (issue 13). The rule set below exists only in this
 * file: other lists, another threshold, another window length, another SMB range, other points and another hook.
 * Registered as the shipped ones are, it must give the same results from the CLI's `pcs score`, from the stored
 * snapshots (the recompute: SQL generated from the rule set, then the snapshot series) and from the series on the
 * engine's aggregates, with no other file edited.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { listSnapshots, streamSnapshotTenants } from "@/db/queries/snapshots";
import { findSnapshot } from "./helpers/snapshots";
import { snapshots } from "@/db/schema";
import { generateDataset } from "@/lib/generator";
import {
  SnapshotSeries,
  addMonths,
  detailFromFigures,
  firstMonthRead,
  getRuleSet,
  loadAggregates,
  monthIndex,
  registerRuleSet,
  scoreAggregates,
  snapshotInsights,
  type CustomerDetail,
  type M365Basis,
  type RuleSetData,
} from "@/lib/scoring";
import { textInput } from "@/lib/scoring/test-support";
import { decideStagedImport } from "@/db/queries/import-decisions";
import { recomputeSnapshots } from "@/server/snapshots/recompute";
import { scoreCommand } from "@/scripts/pcs/score";
import { createTestDb, testDriver } from "./helpers/test-db";
import { seedOrg, settle, uploadFile } from "./helpers/imports";

const ONLY_HERE: RuleSetData = {
  id: "test-only-rules",
  title: "A rule set defined only in a test",
  source: "tests/integration/rules-as-data.test.ts",
  // Longer than the shipped 12: the recompute must read M-27 … M, not M-23 … M.
  windowMonths: 14,
  // Support, Trial, Internal and Benefit Program count here; two common offers do not.
  excludedOffers: ["Pay-As-You-Go", "Enterprise Agreement"],
  azure: {
    // Security services mostly out, everyday ones in (the generator writes all of them).
    services: ["Virtual Machines", "Storage", "Azure Monitor", "Key Vault"],
    associationTypes: ["CSP Tier 2", "CPOR"],
    minimumEligibleAcr: "150.50",
  },
  m365: {
    workloads: {
      "Exchange Online": "Exchange Online",
      // Two names adding to one workload that neither is called.
      "Microsoft Teams": "Collaboration",
      "SharePoint Online": "Collaboration",
      "Microsoft Intune": "Microsoft Intune",
    },
    associationTypes: ["CPOR", "PAL"],
    smbMinUnits: 20,
    smbMaxUnits: 120,
  },
  points: { enterprise: 3, smb: 5, maximum: 25 },
  hooks: {
    // Enterprise stickiness: Enterprise in the previous window and only SMB now still counts as Enterprise only.
    adjustCurrentM365: (current, previous) =>
      previous.enterprise && current.smb && !current.enterprise ? { enterprise: true, smb: false } : current,
  },
};
const ruleSet = registerRuleSet(ONLY_HERE);

async function dataset(tenants: number, months: number) {
  let azure = "";
  let m365 = "";
  await generateDataset(
    { tenants, months, seed: 13, toMonth: "2026-10" },
    { azure: (c) => void (azure += c), m365: (c) => void (m365 += c) },
  );
  return { azure, m365 };
}

describe(`a rule set defined only in a test (${testDriver()})`, () => {
  let h: DbHandle;
  let dir: string;
  beforeAll(async () => {
    h = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcs-rules-"));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await h.close();
  });

  for (const basis of ["any-month", "last-month"] as const) {
    it(`gives the same results from pcs score, the stored snapshots and the series (${basis})`, async () => {
      const files = await dataset(40, 30);
      const paths = { azure: path.join(dir, `azure-${basis}.csv`), m365: path.join(dir, `m365-${basis}.csv`) };
      fs.writeFileSync(paths.azure, files.azure);
      fs.writeFileSync(paths.m365, files.m365);
      const { org, user } = await seedOrg(h.db, { ruleSet: ONLY_HERE.id, m365Basis: basis });
      for (const source of ["azure", "m365"] as const) {
        const id = await uploadFile(
          h.db,
          { organizationId: org.id, userId: user.id },
          source,
          files[source],
          "2026-10",
        );
        expect((await settle(h.db, id))!.status).toBe("succeeded");
      }
      const loaded = await loadAggregates(ruleSet, {
        azure: { file: "azure.csv", input: textInput(files.azure) },
        m365: { file: "m365.csv", input: textInput(files.m365) },
      });
      if (!loaded.ok) throw new Error("the generated files do not load");
      const aggregates = loaded.aggregates;

      const check = async () => {
        const stored = await listSnapshots(h.db, org.id);
        const months = stored.map((s) => s.month).sort();
        expect(months).toEqual(Array.from({ length: 30 }, (_, i) => addMonths("2024-05", i)));
        const series = new SnapshotSeries(aggregates, basis as M365Basis);
        let tenantsSeen = 0;
        for (const month of months) {
          const snapshot = (await findSnapshot(h.db, org.id, month))!;
          // pcs score, in this process (the rule set is registered here, not in a child's).
          const cli = JSON.parse(
            await scoreCommand([
              ...["--azure", paths.azure, "--m365", paths.m365, "--month", month],
              ...["--rules", ONLY_HERE.id, "--m365-basis", basis, "--details"],
            ]),
          ) as ReturnType<typeof scoreAggregates>;
          const { customers, ...result } = cli;
          expect(snapshot.ruleSet).toBe(ONLY_HERE.id);
          expect(result.windows.current).toEqual({ from: addMonths(month, -13), to: month });
          expect(snapshot.result).toEqual(result);
          const options = { month, m365Basis: basis as M365Basis };
          expect(snapshot.insights).toEqual(snapshotInsights(result, aggregates, options));
          const fromSeries = series.score(month);
          expect(fromSeries.result).toEqual(result);
          expect(fromSeries.insights).toEqual(snapshot.insights);
          // The snapshot's tenants: those with rows in the months its two 14-month windows read.
          const first = monthIndex(firstMonthRead(month, ONLY_HERE.windowMonths));
          const inInputs = customers!.filter((c) => {
            const t = aggregates.tenants.get(c.tenantId)!;
            return [...t.azure.keys(), ...t.m365.keys()].some((i) => i >= first && i <= monthIndex(month));
          });
          const rows: CustomerDetail[] = [];
          for await (const row of streamSnapshotTenants(h.db, snapshot, { sort: "tenant" })) rows.push(row.details);
          expect(rows).toEqual(inInputs);
          expect([...series.figures(month)].map((f) => detailFromFigures(f, ruleSet))).toEqual(inInputs);
          tenantsSeen += rows.length;
        }
        expect(tenantsSeen).toBeGreaterThan(300);
      };
      await check();
      // Chunked (as a large organisation is): every month stale by hand, all recomputed 7 tenants at a time.
      await h.db.update(snapshots).set({ latest: false }).where(eq(snapshots.organizationId, org.id));
      expect((await recomputeSnapshots(h.db, org.id, { tenantsPerChunk: 7 })).recomputed.length).toBe(30);
      await check();

      // A replaced month is read by the snapshots whose 14-month windows hold it: 2024-06 … 2026-09 (27 months on),
      // not the 24 months a 12-month rule set reads.
      const target = { organizationId: org.id, userId: user.id };
      const versions = async () =>
        (await h.db.select({ month: snapshots.month }).from(snapshots).where(eq(snapshots.organizationId, org.id))).map(
          (v) => v.month,
        );
      const before = await versions();
      const tenantId = files.azure.split("\n")[1]!.split(",")[0];
      const replacement = `CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n${tenantId},Changed,2024-06,Storage,Support,CPOR,1000\n`;
      const replacing = await uploadFile(h.db, target, "azure", replacement, "2026-10");
      expect((await settle(h.db, replacing))!.status).toBe("awaiting_confirmation");
      await h.db.transaction((tx) => decideStagedImport(tx, org.id, replacing, true));
      await settle(h.db);
      // Each month's new versions: one for each month that reads 2024-06.
      const added = await versions();
      for (const month of before) added.splice(added.indexOf(month), 1);
      expect(added.sort()).toEqual(Array.from({ length: 28 }, (_, i) => addMonths("2024-06", i)));

      // The rule set is what decided: the shipped default scores the same files differently, and the test's lists,
      // threshold, range and points each shaped some of what was stored.
      const last = (await findSnapshot(h.db, org.id, "2026-10"))!;
      const shipped = await loadAggregates(getRuleSet("security-2025"), {
        azure: { file: "azure.csv", input: textInput(files.azure) },
        m365: { file: "m365.csv", input: textInput(files.m365) },
      });
      if (!shipped.ok) throw new Error("the generated files do not load");
      expect(scoreAggregates(shipped.aggregates, { month: "2026-10", m365Basis: basis })).not.toEqual(last.result);
      const details: CustomerDetail[] = [];
      for await (const row of streamSnapshotTenants(h.db, last, { sort: "tenant" })) details.push(row.details);
      const peaks = details.flatMap((d) => d.m365.current.peakUnits);
      expect(peaks.some((p) => p.workload === "Collaboration")).toBe(true);
      expect(peaks.some((p) => p.units >= 20 && p.units <= 120)).toBe(true);
      expect(details.some((d) => d.azure.current.qualifies && Number(d.azure.current.eligibleAcr) < 600)).toBe(true);
      expect(details.some((d) => Number(d.azure.excluded.offer) > 0)).toBe(true);
    });
  }
});
