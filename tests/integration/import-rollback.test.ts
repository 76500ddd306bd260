/**
 * Rolling back a whole import in one action (imports.rollback): every month it brought goes back to the revision
 * it replaced, a month it brought first has no data afterwards, the snapshots are recomputed from what is left,
 * and the audit entry reads as a sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { findSnapshot } from "./helpers/snapshots";
import { dataRevisions } from "@/db/schema";
import { auditSentence } from "@/lib/audit/sentence";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { planImportRollback } from "@/db/queries/revisions";
import { settle, uploadFile } from "./helpers/imports";
import { auditRows, contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD\n";
const T1 = "00000000-0000-4000-8000-000000000001";
const T2 = "00000000-0000-4000-8000-000000000002";

describe(`rolling back a whole import (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("puts back the revisions it replaced, empties the months it brought first, and recomputes", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin" });
    const target = { organizationId: org.id, userId: users.admin.id };
    // First import: 2026-01 and 2026-02, T1 qualifies with 700.
    const first = await uploadFile(
      db,
      target,
      "azure",
      `${HEADER}${T1},One,2026-01,Key Vault,PAL,400\n${T1},One,2026-02,Key Vault,PAL,300\n`,
      "2026-03",
    );
    expect((await settle(db, first))!.status).toBe("succeeded");
    // Second import replaces 2026-02 and brings 2026-03: T2 qualifies too.
    const second = await uploadFile(
      db,
      target,
      "azure",
      `${HEADER}${T1},One,2026-02,Key Vault,PAL,250\n${T2},Two,2026-03,Key Vault,PAL,650\n`,
      "2026-03",
    );
    expect((await settle(db, second))!.status).toBe("awaiting_confirmation");
    const admin = contextFor(db, users.admin);
    expect(
      (await executeOrgAction(orgActions["imports.decide"], admin, org.slug, { importId: second, decision: "replace" }))
        .ok,
    ).toBe(true);
    await settle(db);
    const before = (await findSnapshot(db, org.id, "2026-03"))!;
    expect(before.result.tracks.enterprise.azure.current).toBe(2);

    const plan = (await planImportRollback(db, org.id, second))!;
    expect(plan.restored).toEqual([{ month: "2026-02", revision: 1 }]);
    expect(plan.emptied).toEqual(["2026-03"]);

    const res = await executeOrgAction(orgActions["imports.rollback"], admin, org.slug, { importId: second });
    expect(res.ok).toBe(true);
    await settle(db);

    const active = await db
      .select({ month: dataRevisions.month, revision: dataRevisions.revision })
      .from(dataRevisions)
      .where(and(eq(dataRevisions.organizationId, org.id), eq(dataRevisions.active, true)))
      .orderBy(dataRevisions.month);
    expect(active).toEqual([
      { month: "2026-01", revision: 1 },
      { month: "2026-02", revision: 1 },
    ]);
    // The snapshot of 2026-03 now reads the first import only: T1 with 700, T2 gone.
    const after = (await findSnapshot(db, org.id, "2026-03"))!;
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.result.tracks.enterprise.azure.current).toBe(1);

    const entry = (await auditRows(db, org.id)).at(-1)!;
    expect(entry.action).toBe("imports.rollback");
    expect(auditSentence(entry, { actor: "Avery Admin" })).toBe(
      "Avery Admin rolled back an import (azure.csv) for February 2026 to March 2026",
    );

    // Nothing of it is in use any more: a second rollback is refused, and changes nothing.
    const again = await executeOrgAction(orgActions["imports.rollback"], admin, org.slug, { importId: second });
    expect(again).toMatchObject({ ok: false, error: "conflict" });
  });

  it("refuses to roll back the only data in use, which would leave stale snapshots", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin" });
    const only = await uploadFile(
      db,
      { organizationId: org.id, userId: users.admin.id },
      "azure",
      `${HEADER}${T1},One,2026-01,Key Vault,PAL,700\n`,
    );
    await settle(db, only);
    const res = await executeOrgAction(orgActions["imports.rollback"], contextFor(db, users.admin), org.slug, {
      importId: only,
    });
    expect(res).toMatchObject({ ok: false, error: "conflict" });
    expect(res.ok ? "" : res.message).toMatch(/Import the corrected file instead/);
  });
});
