import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { azureUsage, dataRevisions, imports, snapshots, snapshotTenants, uploadChunks, uploads } from "@/db/schema";
import { listRevisions } from "@/db/queries/revisions";
import { decideImportAction, rollbackRevisionAction } from "@/server/actions/imports";
import { recomputeSnapshots } from "@/server/snapshots/recompute";
import { scoringFixtures } from "../helpers/fixtures";
import { createTestDb, testDriver } from "./helpers/test-db";
import { runHandler, seedOrg, settle, uploadFile } from "./helpers/imports";

const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
const tenant = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const azureRow = (n: number, month: string, acr: string) =>
  `${tenant(n)},Tenant ${n},${month},Azure Firewall,Azure Plan,PAL,${acr}\n`;

/** Stored Azure rows of these revisions. */
async function storedRows(h: DbHandle, revisionIds: string[]): Promise<number> {
  const [{ n }] = (await h.db
    .select({ n: sql<number>`count(*)::int` })
    .from(azureUsage)
    .where(inArray(azureUsage.revisionId, revisionIds))) as [{ n: number }];
  return n;
}

/**
 * Stored Azure rows with this customer name, whatever their revision: a file whose rows all carry a name of its
 * own is found even if rows of it were left with a revision id that has no revision row.
 */
async function rowsNamed(h: DbHandle, name: string): Promise<number> {
  const [{ n }] = (await h.db
    .select({ n: sql<number>`count(*)::int` })
    .from(azureUsage)
    .where(eq(azureUsage.customerName, name))) as [{ n: number }];
  return n;
}

/** An organisation's revisions and the rows of each, in a stable order. */
async function orgData(h: DbHandle, organizationId: string) {
  const revisions = await h.db
    .select()
    .from(dataRevisions)
    .where(eq(dataRevisions.organizationId, organizationId))
    .orderBy(dataRevisions.id);
  const rows = revisions.length
    ? await h.db
        .select()
        .from(azureUsage)
        .where(
          inArray(
            azureUsage.revisionId,
            revisions.map((r) => r.id),
          ),
        )
        .orderBy(azureUsage.revisionId, azureUsage.tenantId, azureUsage.month, azureUsage.service, azureUsage.acrMicros)
    : [];
  return { revisions, rows };
}

const namedRow = (n: number, month: string, acr: string, name: string) =>
  `${tenant(n)},${name},${month},Azure Firewall,Azure Plan,PAL,${acr}\n`;

async function latestSnapshot(h: DbHandle, organizationId: string, month: string) {
  const [s] = await h.db
    .select()
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.month, month), eq(snapshots.latest, true)));
  return s;
}

describe(`imports, revisions and snapshots (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  for (const fixture of scoringFixtures()) {
    it(`stores snapshots equal to the CLI for the worked example "${fixture.name}"`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(fixture.dir, "expected.json"), "utf8"));
      const { org, user } = await seedOrg(h.db, { ruleSet: expected.ruleSet, m365Basis: expected.m365Basis });
      const target = { organizationId: org.id, userId: user.id };
      for (const source of ["azure", "m365"] as const) {
        const file = fixture[source];
        if (!file) continue;
        const id = await uploadFile(h.db, target, source, { path: file }, expected.month);
        expect((await settle(h.db, id))!.status).toBe("succeeded");
      }
      const snap = await latestSnapshot(h, org.id, expected.month);
      expect(snap?.result).toEqual(expected);
      expect(snap?.ruleSet).toBe(expected.ruleSet);
      expect(snap?.revisions.length).toBeGreaterThan(0);
    });
  }

  it("rejects a file with a bad row whole: errors with line and column, nothing stored", async () => {
    const { org, user } = await seedOrg(h.db);
    const body =
      HEADER +
      azureRow(1, "2026-01", "700") +
      azureRow(2, "2026-13", "700") +
      `not-a-guid,X,2026-01,Key Vault,,PAL,1\n`;
    const id = await uploadFile(h.db, { organizationId: org.id, userId: user.id }, "azure", body);
    const imp = await settle(h.db, id);
    expect(imp!.status).toBe("invalid");
    expect(imp!.errorTotal).toBe(2);
    expect(imp!.errors).toEqual([
      expect.objectContaining({ line: 3, column: "Month" }),
      expect.objectContaining({ line: 4, column: "CustomerTenantId" }),
    ]);
    expect(imp!.storagePath).toBeNull();
    const revs = await h.db.select().from(dataRevisions).where(eq(dataRevisions.organizationId, org.id));
    expect(revs).toHaveLength(0);
  });

  it("asks before replacing months that have data; cancel keeps the old data, replace makes a new revision", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    await settle(h.db, await uploadFile(h.db, target, "azure", HEADER + azureRow(1, "2026-01", "700"), "2026-10"));
    expect((await latestSnapshot(h, org.id, "2026-10"))!.points).toBe(4); // one net add: SMB 4 beats Enterprise 2

    const second = await uploadFile(
      h.db,
      target,
      "azure",
      HEADER + azureRow(1, "2026-01", "100") + azureRow(2, "2026-02", "900"),
      "2026-10",
    );
    const waiting = await settle(h.db, second);
    expect(waiting!.status).toBe("awaiting_confirmation");
    expect(waiting!.conflictingMonths).toEqual(["2026-01"]);

    await runHandler(h.db, decideImportAction, org.id, { importId: second, decision: "cancel" });
    expect((await settle(h.db, second))!.status).toBe("cancelled");
    expect((await latestSnapshot(h, org.id, "2026-10"))!.version).toBe(1);

    const third = await uploadFile(
      h.db,
      target,
      "azure",
      HEADER + azureRow(1, "2026-01", "100") + azureRow(2, "2026-02", "900"),
      "2026-10",
    );
    await settle(h.db, third);
    await runHandler(h.db, decideImportAction, org.id, { importId: third, decision: "replace" });
    expect((await settle(h.db, third))!.status).toBe("succeeded");
    const snap = await latestSnapshot(h, org.id, "2026-10");
    expect(snap!.version).toBe(2);
    // Tenant 1 fell to $100 (no longer qualifies); tenant 2 is new: still one Azure tenant in the current window.
    expect(
      (snap!.result as { tracks: { enterprise: { azure: { current: number } } } }).tracks.enterprise.azure.current,
    ).toBe(1);
    const revs = await h.db
      .select()
      .from(dataRevisions)
      .where(and(eq(dataRevisions.organizationId, org.id), eq(dataRevisions.month, "2026-01")));
    expect(revs.map((r) => [r.revision, r.active]).sort()).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it("rolls a month back to an earlier revision and recomputes the affected snapshots", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    await settle(h.db, await uploadFile(h.db, target, "azure", HEADER + azureRow(1, "2026-03", "650"), "2026-10"));
    const replace = await uploadFile(h.db, target, "azure", HEADER + azureRow(1, "2026-03", "10"), "2026-10");
    await settle(h.db, replace);
    await runHandler(h.db, decideImportAction, org.id, { importId: replace, decision: "replace" });
    await settle(h.db);
    expect((await latestSnapshot(h, org.id, "2026-10"))!.points).toBe(0);

    const [first] = await h.db
      .select()
      .from(dataRevisions)
      .where(and(eq(dataRevisions.organizationId, org.id), eq(dataRevisions.revision, 1)));
    await runHandler(h.db, rollbackRevisionAction, org.id, { revisionId: first!.id });
    await settle(h.db);
    const snap = await latestSnapshot(h, org.id, "2026-10");
    expect(snap!.points).toBe(4);
    expect(snap!.version).toBe(3);
  });

  it("recomputes when the rule set changes, and a second recompute with nothing changed writes nothing", async () => {
    const { org, user } = await seedOrg(h.db);
    // Network Watcher counts under security-2025 only.
    const body = HEADER + `${tenant(9)},Watcher,2026-05,Network Watcher,Azure Plan,PAL,800\n`;
    await settle(h.db, await uploadFile(h.db, { organizationId: org.id, userId: user.id }, "azure", body, "2026-10"));
    expect((await latestSnapshot(h, org.id, "2026-10"))!.points).toBe(4); // one net add: SMB 4 beats Enterprise 2
    expect((await recomputeSnapshots(h.db, org.id)).recomputed).toEqual([]);

    const { organizations } = await import("@/db/schema");
    await h.db.update(organizations).set({ ruleSet: "security-2026" }).where(eq(organizations.id, org.id));
    const { recomputed } = await recomputeSnapshots(h.db, org.id);
    expect(recomputed).toContain("2026-10");
    const snap = await latestSnapshot(h, org.id, "2026-10");
    expect(snap!.ruleSet).toBe("security-2026");
    expect(snap!.points).toBe(0);
  });

  it("keeps one row per tenant with its classification for drill-down", async () => {
    const { org, user } = await seedOrg(h.db);
    const body =
      HEADER + azureRow(1, "2026-02", "600.00") + azureRow(2, "2026-02", "599.99") + azureRow(3, "2025-02", "800");
    await settle(h.db, await uploadFile(h.db, { organizationId: org.id, userId: user.id }, "azure", body, "2026-10"));
    const snap = await latestSnapshot(h, org.id, "2026-10");
    const rows = await h.db.select().from(snapshotTenants).where(eq(snapshotTenants.snapshotId, snap!.id));
    const status = Object.fromEntries(rows.map((r) => [r.tenantId, r.azureStatus]));
    expect(status).toEqual({ [tenant(1)]: "gained", [tenant(2)]: "not-qualifying", [tenant(3)]: "lost" });
    expect(rows.find((r) => r.tenantId === tenant(2))!.acrCurrentMicros).toBe(599_990_000n);
  });

  it("a failure halfway through an import leaves the previous data exactly as it was", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    await settle(h.db, await uploadFile(h.db, target, "azure", HEADER + azureRow(1, "2026-01", "700"), "2026-10"));
    const before = await orgData(h, org.id);
    expect(before.rows).toHaveLength(1);
    const marker = `Halfway ${org.id}`;
    // The database refuses the file's last row, after the others were sent: a failure in the middle of storing.
    await h.db.execute(sql`create function refuse_boom() returns trigger language plpgsql as $$
      begin if new.customer_name = 'Boom' then raise exception 'refused by the test'; end if; return new; end $$`);
    await h.db.execute(
      sql`create trigger refuse_boom before insert on azure_usage for each row execute function refuse_boom()`,
    );
    try {
      const rows = Array.from({ length: 3000 }, (_, i) => namedRow(100 + i, "2026-02", "700", marker)).join("");
      const id = await uploadFile(
        h.db,
        target,
        "azure",
        HEADER + rows + `${tenant(9)},Boom,2026-03,Key Vault,,PAL,1\n`,
        "2026-10",
      );
      const failed = await settle(h.db, id);
      expect(failed!.status).toBe("failed");
      expect(failed!.failureReason).toMatch(/^The import stopped and nothing was stored: .*refused by the test/);
      expect(failed!.storagePath).toBeNull();
    } finally {
      await h.db.execute(sql`drop trigger refuse_boom on azure_usage`);
      await h.db.execute(sql`drop function refuse_boom()`);
    }
    expect(await orgData(h, org.id)).toEqual(before);
    expect(await rowsNamed(h, marker)).toBe(0);
  });

  it("an import whose run died is marked failed when its job runs again, not left in progress", async () => {
    const { org, user } = await seedOrg(h.db);
    const id = await uploadFile(
      h.db,
      { organizationId: org.id, userId: user.id },
      "azure",
      HEADER + azureRow(1, "2026-01", "700"),
    );
    // As a run leaves it when its instance stops mid-file: status "validating", the upload still stored.
    await h.db.update(imports).set({ status: "validating" }).where(eq(imports.id, id));
    const [before] = await h.db.select().from(imports).where(eq(imports.id, id));
    expect(await h.db.select().from(uploads).where(eq(uploads.id, before!.storagePath!))).toHaveLength(1);
    const imp = await settle(h.db, id);
    expect(imp!.status).toBe("failed");
    expect(imp!.failureReason).toMatch(/^The import stopped and nothing was stored: it was interrupted/);
    expect(imp!.storagePath).toBeNull();
    expect(await h.db.select().from(uploads).where(eq(uploads.id, before!.storagePath!))).toHaveLength(0);
    expect(await h.db.select().from(dataRevisions).where(eq(dataRevisions.organizationId, org.id))).toHaveLength(0);
  });

  it("an invalid file stores nothing, even when its bad row comes after thousands of good ones", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    const marker = `Invalid ${org.id}`;
    const good = Array.from({ length: 5000 }, (_, i) => namedRow(i + 1, "2026-01", "700", marker)).join("");
    const imp = await settle(
      h.db,
      await uploadFile(h.db, target, "azure", HEADER + good + azureRow(1, "2026-01", "7.0000001"), "2026-10"),
    );
    expect(imp!.status).toBe("invalid");
    expect(imp!.errors).toEqual([expect.objectContaining({ line: 5002, column: "ACR_USD" })]);
    expect(await rowsNamed(h, marker)).toBe(0);
    expect(await h.db.select().from(dataRevisions).where(eq(dataRevisions.organizationId, org.id))).toHaveLength(0);
  });

  it("a waiting import's rows are staged: read by no snapshot, not in the history, not a rollback target", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    await settle(h.db, await uploadFile(h.db, target, "azure", HEADER + azureRow(1, "2026-01", "700"), "2026-10"));
    const snapBefore = await latestSnapshot(h, org.id, "2026-10");
    const id = await uploadFile(
      h.db,
      target,
      "azure",
      HEADER + azureRow(1, "2026-01", "100") + azureRow(2, "2026-02", "900"),
      "2026-10",
    );
    expect((await settle(h.db, id))!.status).toBe("awaiting_confirmation");

    const staged = await h.db.select().from(dataRevisions).where(eq(dataRevisions.importId, id));
    expect(staged.map((r) => [r.month, r.revision, r.staged, r.active, r.rowCount]).sort()).toEqual([
      ["2026-01", 2, true, false, 1],
      ["2026-02", 1, true, false, 1],
    ]);
    // The rows are stored already...
    expect(
      await storedRows(
        h,
        staged.map((r) => r.id),
      ),
    ).toBe(2);
    // ...but nothing reads them: a recompute finds nothing changed, the history and the rollback ignore them.
    expect((await recomputeSnapshots(h.db, org.id)).recomputed).toEqual([]);
    expect((await latestSnapshot(h, org.id, "2026-10"))!.version).toBe(snapBefore!.version);
    expect((await listRevisions(h.db, org.id)).map((r) => r.id)).not.toContain(staged[0]!.id);
    for (const r of staged)
      await expect(runHandler(h.db, rollbackRevisionAction, org.id, { revisionId: r.id })).rejects.toMatchObject({
        error: "not_found",
      });

    await runHandler(h.db, decideImportAction, org.id, { importId: id, decision: "replace" });
    const done = await settle(h.db, id);
    expect(done!.status).toBe("succeeded");
    const after = await h.db.select().from(dataRevisions).where(eq(dataRevisions.importId, id));
    expect(after.every((r) => r.active && !r.staged)).toBe(true);
    expect((await listRevisions(h.db, org.id)).filter((r) => r.importId === id)).toHaveLength(2);
    const snap = await latestSnapshot(h, org.id, "2026-10");
    expect(snap!.version).toBe(snapBefore!.version + 1);
    expect(snap!.revisions.length).toBe(2);
  });

  it("cancel deletes the staged revisions and their rows; the data in use is untouched", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    await settle(h.db, await uploadFile(h.db, target, "azure", HEADER + azureRow(1, "2026-01", "700"), "2026-10"));
    const inUse = await orgData(h, org.id);
    const marker = `Cancelled ${org.id}`;
    const body =
      HEADER +
      Array.from({ length: 40 }, (_, i) => namedRow(i + 1, i % 2 ? "2026-01" : "2026-03", "5", marker)).join("");
    const id = await uploadFile(h.db, target, "azure", body, "2026-10");
    expect((await settle(h.db, id))!.status).toBe("awaiting_confirmation");
    const staged = await h.db.select().from(dataRevisions).where(eq(dataRevisions.importId, id));
    expect(
      await storedRows(
        h,
        staged.map((r) => r.id),
      ),
    ).toBe(40);
    expect(await rowsNamed(h, marker)).toBe(40);

    await runHandler(h.db, decideImportAction, org.id, { importId: id, decision: "cancel" });
    expect((await settle(h.db, id))!.status).toBe("cancelled");
    expect(
      await storedRows(
        h,
        staged.map((r) => r.id),
      ),
    ).toBe(0);
    expect(await rowsNamed(h, marker)).toBe(0);
    expect(await orgData(h, org.id)).toEqual(inUse);
    await expect(
      runHandler(h.db, decideImportAction, org.id, { importId: id, decision: "replace" }),
    ).rejects.toMatchObject({ error: "conflict" });
  });
});

describe(`bad uploads (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("a binary file is rejected with a clear error and nothing stored", async () => {
    const { org, user } = await seedOrg(h.db);
    const id = await uploadFile(
      h.db,
      { organizationId: org.id, userId: user.id },
      "azure",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]),
    );
    const imp = await settle(h.db, id);
    expect(imp!.status).toBe("invalid");
    expect(imp!.errors![0]!.message).toMatch(/invalid UTF-8/);
    expect(await h.db.select().from(dataRevisions).where(eq(dataRevisions.organizationId, org.id))).toHaveLength(0);
  });

  it("a header-only file is rejected", async () => {
    const { org, user } = await seedOrg(h.db);
    const imp = await settle(
      h.db,
      await uploadFile(h.db, { organizationId: org.id, userId: user.id }, "azure", HEADER),
    );
    expect(imp!.status).toBe("invalid");
    expect(imp!.errors![0]!.message).toMatch(/no data rows|header only|empty/i);
  });

  it("a 0-byte upload is refused before any import is recorded, and nothing of it stays stored", async () => {
    const { saveUpload, EmptyUploadError } = await import("@/server/imports/storage");
    const { org, user } = await seedOrg(h.db);
    const target = {
      organizationId: org.id,
      createdBy: user.id,
      source: "azure",
      fileName: "a.csv",
      dataMonth: null,
    } as const;
    await expect(saveUpload(h.db, target, [] as Uint8Array[], 1000)).rejects.toBeInstanceOf(EmptyUploadError);
    expect(await h.db.select().from(uploads).where(eq(uploads.organizationId, org.id))).toHaveLength(0);
  });

  it("an upload over the limit is refused while it streams in: an endless body is read no further than 16 MB past it", async () => {
    const { saveUpload, UploadTooLargeError } = await import("@/server/imports/storage");
    let chunksRead = 0;
    async function* endless() {
      for (;;) {
        chunksRead++;
        yield new Uint8Array(1024);
      }
    }
    const { org, user } = await seedOrg(h.db);
    const target = {
      organizationId: org.id,
      createdBy: user.id,
      source: "azure",
      fileName: "a.csv",
      dataMonth: null,
    } as const;
    // Other test files share this database (one at a time): compare the chunk count with the one before.
    const chunksBefore = (await h.db.select().from(uploadChunks)).length;
    await expect(saveUpload(h.db, target, endless(), 10 * 1024)).rejects.toBeInstanceOf(UploadTooLargeError);
    // 10 KB stored, then at most 16 MB read and thrown away so that an HTTP client gets to read the 413.
    expect(chunksRead).toBeGreaterThanOrEqual(11);
    expect(chunksRead).toBeLessThanOrEqual(11 + 16 * 1024);
    expect(await h.db.select().from(uploads).where(eq(uploads.organizationId, org.id))).toHaveLength(0);
    expect(await h.db.select().from(uploadChunks)).toHaveLength(chunksBefore);
  });
});

describe(`the engine's bad inputs through the upload pipeline (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  const M365 = "CustomerTenantId,Month,WorkloadName,AssociationType,PaidAvailableUnits\n";
  const cases: {
    name: string;
    source: "azure" | "m365";
    body: string | Buffer;
    line: number | null;
    message: RegExp;
  }[] = [
    { name: "header only", source: "azure", body: HEADER, line: null, message: /./ },
    {
      name: "a missing required column",
      source: "azure",
      body: "CustomerTenantId,Month,ServiceName,AssociationType\n",
      line: 1,
      message: /required column is missing/,
    },
    { name: "a wrong column count", source: "azure", body: HEADER + "a,b\n", line: 2, message: /number of fields/ },
    {
      name: "a bad GUID",
      source: "azure",
      body: HEADER + azureRow(1, "2026-01", "1").replace("00000000-", "0000000-"),
      line: 2,
      message: /GUID/i,
    },
    {
      name: "month 2026-13",
      source: "azure",
      body: HEADER + azureRow(1, "2026-13", "1"),
      line: 2,
      message: /month|date/i,
    },
    {
      name: "12,50 as a number",
      source: "azure",
      body: HEADER + azureRow(1, "2026-01", '"12,50"'),
      line: 2,
      message: /./,
    },
    {
      name: "a negative licence count",
      source: "m365",
      body: M365 + `${tenant(1)},2026-01,Intune,CPOR,-5\n`,
      line: 2,
      message: /./,
    },
    {
      name: "invalid UTF-8",
      source: "azure",
      body: Buffer.concat([Buffer.from(HEADER), Buffer.from([0xc3, 0x28, 0x0a])]),
      line: 2,
      message: /UTF-8/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name} with a clear error and stores nothing`, async () => {
      const { org, user } = await seedOrg(h.db);
      const imp = await settle(
        h.db,
        await uploadFile(h.db, { organizationId: org.id, userId: user.id }, c.source, c.body),
      );
      expect(imp!.status).toBe("invalid");
      expect(imp!.errors![0]!.message).toMatch(c.message);
      if (c.line !== null) expect(imp!.errors![0]!.line).toBe(c.line);
      expect(await h.db.select().from(dataRevisions).where(eq(dataRevisions.organizationId, org.id))).toHaveLength(0);
    });
  }
});
