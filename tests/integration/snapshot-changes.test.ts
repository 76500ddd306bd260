/**
 * The compare page's explanation against the engine: for pairs of months, the four lists per source (started or
 * stopped counting in the current window, entered or left the previous window) hold exactly the tenants the
 * engine's own statuses put there, their counts equal the lists, and they add up to the change in net adds of
 * the engine's result, per track.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { compareSnapshotTenants, countSnapshotChanges, listSnapshotTenants } from "@/db/queries/snapshots";
import { findSnapshot } from "./helpers/snapshots";
import { naturalCompare } from "@/lib/format";
import { generateDataset } from "@/lib/generator";
import { getRuleSet, loadAggregates, scoreAggregates, TRACKS, type TenantStatus } from "@/lib/scoring";
import { textInput } from "@/lib/scoring/test-support";
import {
  addCounts,
  CHANGE_SOURCES,
  changeSentence,
  changesOf,
  netChange,
  noChanges,
  TRACK_SOURCES,
  WINDOW_CHANGES,
  type ChangeSource,
} from "@/lib/snapshot-changes";
import { createTestDb, testDriver } from "./helpers/test-db";
import { seedOrg, settle, uploadFile } from "./helpers/imports";

type Statuses = Record<ChangeSource, TenantStatus>;

describe(`compare explains every change in net adds (${testDriver()})`, () => {
  let h: DbHandle;
  let orgId: string;
  let engine: (month: string) => { net: Record<string, number>; tenants: Map<string, Statuses> };

  beforeAll(async () => {
    h = await createTestDb();
    let azure = "";
    let m365 = "";
    await generateDataset(
      { tenants: 60, months: 30, seed: 7, toMonth: "2026-10" },
      { azure: (c) => void (azure += c), m365: (c) => void (m365 += c) },
    );
    const { org, user } = await seedOrg(h.db, { ruleSet: "security-2026", m365Basis: "any-month" });
    orgId = org.id;
    for (const [source, text] of [
      ["azure", azure],
      ["m365", m365],
    ] as const) {
      const imp = await settle(
        h.db,
        await uploadFile(h.db, { organizationId: org.id, userId: user.id }, source, text, "2026-10"),
      );
      expect(imp!.status).toBe("succeeded");
    }
    const loaded = await loadAggregates(getRuleSet("security-2026"), {
      azure: { file: "azure.csv", input: textInput(azure) },
      m365: { file: "m365.csv", input: textInput(m365) },
    });
    if (!loaded.ok) throw new Error("the generated files do not load");
    engine = (month) => {
      const r = scoreAggregates(loaded.aggregates, { month, m365Basis: "any-month", details: true });
      return {
        net: { enterprise: r.tracks.enterprise.netCustomerAdds, smb: r.tracks.smb.netCustomerAdds },
        tenants: new Map(
          r.customers!.map((c) => [
            c.tenantId,
            { azure: c.tracks.enterprise.azure, m365Enterprise: c.tracks.enterprise.m365, m365Smb: c.tracks.smb.m365 },
          ]),
        ),
      };
    };
  });
  afterAll(async () => h.close());

  for (const [from, to] of [
    ["2026-09", "2026-10"],
    ["2026-04", "2026-10"],
    ["2025-11", "2026-02"],
  ] as const) {
    it(`${from} → ${to}: the lists are the engine's, and add up to the change in net adds`, async () => {
      const a = (await findSnapshot(h.db, orgId, from))!;
      const b = (await findSnapshot(h.db, orgId, to))!;
      const counts = await countSnapshotChanges(h.db, a.id, b.id);
      const diff = await compareSnapshotTenants(h.db, a.id, b.id, 10_000);
      const ea = engine(from);
      const eb = engine(to);

      // Expected lists from the engine's statuses. A tenant the engine lists with no counting status in a window
      // is the same as one missing from the snapshot (which keeps only tenants with rows in its inputs).
      const ids = new Set([...ea.tenants.keys(), ...eb.tenants.keys()]);
      let nonEmptyLists = 0;
      for (const source of CHANGE_SOURCES) {
        for (const change of WINDOW_CHANGES) {
          const expected = [...ids]
            .filter((id) =>
              changesOf(ea.tenants.get(id)?.[source] ?? null, eb.tenants.get(id)?.[source] ?? null).includes(change),
            )
            .sort();
          const listed = diff.tenants
            .filter((t) =>
              changesOf(
                t.a?.[`${source}Status` as "azureStatus"] ?? null,
                t.b?.[`${source}Status` as "azureStatus"] ?? null,
              ).includes(change),
            )
            .map((t) => t.tenantId)
            .sort();
          expect(listed, `${source} ${change}`).toEqual(expected);
          expect(counts[source][change], `${source} ${change}`).toBe(expected.length);
          if (expected.length > 0) nonEmptyLists++;
        }
      }
      expect(nonEmptyLists).toBeGreaterThan(0);

      for (const track of TRACKS) {
        const total = TRACK_SOURCES[track].map((s) => counts[s]).reduce(addCounts, noChanges());
        // The stored totals and the engine agree on the change; the lists add up to it.
        expect(b.result.tracks[track].netCustomerAdds - a.result.tracks[track].netCustomerAdds).toBe(
          eb.net[track]! - ea.net[track]!,
        );
        expect(netChange(total)).toBe(eb.net[track]! - ea.net[track]!);
        expect(changeSentence(total)).toMatch(/^(No change in net adds|[+\u2212]\d+ net adds?):/);
      }
    });
  }

  it("lists tenants in natural name order", async () => {
    const a = (await findSnapshot(h.db, orgId, "2025-06"))!;
    const b = (await findSnapshot(h.db, orgId, "2026-10"))!;
    const names = (await compareSnapshotTenants(h.db, a.id, b.id, 10_000)).tenants.map((t) => t.customerName);
    expect(names.length).toBeGreaterThan(5);
    expect(names).toEqual([...names].sort(naturalCompare));
  });

  it("the snapshot page's tenant table sorts names naturally in the database, both ways", async () => {
    const { org, user } = await seedOrg(h.db);
    const names = ["Customer 10", "Customer 2", "customer 1", "Customer 100", "Ábaco 3", "Alpha", "Customer 02b"];
    const csv = [
      "CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD",
      ...names.map((n, i) => `${crypto.randomUUID()},${n},2026-10,Key Vault,PAL,${100 + i}`),
    ].join("\n");
    const imp = await settle(h.db, await uploadFile(h.db, { organizationId: org.id, userId: user.id }, "azure", csv));
    expect(imp!.status).toBe("succeeded");
    const snapshot = (await findSnapshot(h.db, org.id, "2026-10"))!;
    const asc = (await listSnapshotTenants(h.db, snapshot.id, { sort: "name" })).rows.map((r) => r.customerName);
    expect(asc).toEqual([
      "Ábaco 3",
      "Alpha",
      "customer 1",
      "Customer 2",
      "Customer 02b",
      "Customer 10",
      "Customer 100",
    ]);
    const desc = (await listSnapshotTenants(h.db, snapshot.id, { sort: "name", dir: "desc" })).rows;
    expect(desc.map((r) => r.customerName)).toEqual([...asc].reverse());
  });
});
