/**
 * Column mapping in the import pipeline (issue 15): a file whose headers lack required columns waits for a
 * mapping with its upload kept; once mapped it is imported with exactly the rows of the canonical file; the
 * mapping is saved for the organisation and source and used by the next file with those headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { listColumnMappings } from "@/db/queries/column-mappings";
import { findUploadById } from "@/db/queries/uploads";
import { azureUsage, dataRevisions, imports } from "@/db/schema";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { settle, uploadFile } from "./helpers/imports";
import { auditRows, contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const CANONICAL = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
const RENAMED = "Tenant GUID,CustomerName,Usage Period,ServiceName,OfferType,Attribution,Revenue USD\n";
const ROWS =
  "00000000-0000-4000-8000-000000000001,Contoso,2026-01,Key Vault,Azure Plan,PAL,700.25\n" +
  "00000000-0000-4000-8000-000000000002,Fabrikam,2026-02,Azure Firewall,,CSP Tier 1,12\n";
const MAPPING = { tenantId: "Tenant GUID", month: "Usage Period", associationType: "Attribution", acr: "Revenue USD" };

async function storedRows(db: Db, importId: string) {
  const revisions = await db.select().from(dataRevisions).where(eq(dataRevisions.importId, importId));
  const rows = await db
    .select()
    .from(azureUsage)
    .where(
      inArray(
        azureUsage.revisionId,
        revisions.map((r) => r.id),
      ),
    )
    .orderBy(asc(azureUsage.tenantId));
  return rows.map(({ tenantId, month, customerName, service, offer, associationType, acrMicros, duplicate }) => ({
    tenantId,
    month,
    customerName,
    service,
    offer,
    associationType,
    acrMicros: String(acrMicros),
    duplicate,
  }));
}

describe(`column mapping (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("unknown headers → needs mapping → mapped → the same stored rows as the canonical file; the next upload reuses it", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin", analyst: "analyst" });
    const target = { organizationId: org.id, userId: users.analyst.id };

    const waiting = await settle(db, await uploadFile(db, target, "azure", RENAMED + ROWS, "2026-10"));
    expect(waiting!.status).toBe("needs_mapping");
    expect(waiting!.preview?.headers).toEqual(RENAMED.trim().split(","));
    expect(waiting!.preview?.rows).toHaveLength(2);
    // The upload's bytes wait for the mapping.
    expect(waiting!.storagePath).not.toBeNull();
    expect(await findUploadById(db, waiting!.storagePath!)).toBeDefined();
    expect(await storedRows(db, waiting!.id)).toEqual([]);

    const ctx = contextFor(db, users.analyst);
    // A column used twice is refused with a message and changes nothing.
    const twice = await executeOrgAction(orgActions["imports.map"], ctx, org.slug, {
      importId: waiting!.id,
      ...MAPPING,
      customerName: "Tenant GUID",
    });
    expect(twice).toMatchObject({ ok: true, data: { ok: false } });
    expect(JSON.stringify(twice)).toMatch(/already mapped/);
    expect((await db.select().from(imports).where(eq(imports.id, waiting!.id)))[0]!.status).toBe("needs_mapping");

    const mapped = await executeOrgAction(orgActions["imports.map"], ctx, org.slug, {
      importId: waiting!.id,
      ...MAPPING,
    });
    expect(mapped).toMatchObject({ ok: true, data: { ok: true } });
    const done = await settle(db, waiting!.id);
    expect(done!.status).toBe("succeeded");
    expect(done!.columnMapping).toMatchObject({ CustomerTenantId: "Tenant GUID", ACR_USD: "Revenue USD" });
    expect(await findUploadById(db, waiting!.storagePath!)).toBeUndefined();
    expect((await auditRows(db, org.id)).some((a) => a.action === "imports.map")).toBe(true);

    // The canonical file in another organisation stores exactly the same rows.
    const other = await seedOrg(db, { admin: "admin" });
    const canonical = await settle(
      db,
      await uploadFile(
        db,
        { organizationId: other.org.id, userId: other.users.admin.id },
        "azure",
        CANONICAL + ROWS,
        "2026-10",
      ),
    );
    expect(canonical!.status).toBe("succeeded");
    expect(await storedRows(db, done!.id)).toEqual(await storedRows(db, canonical!.id));
    expect(await storedRows(db, done!.id)).toHaveLength(2);

    const saved = await listColumnMappings(db, org.id, "azure");
    expect(saved).toHaveLength(1);
    // The columns found by name are part of the saved mapping too.
    expect(saved[0]!.mapping).toEqual({
      ...MAPPING,
      customerName: "CustomerName",
      service: "ServiceName",
      offer: "OfferType",
    });

    // A second file with the same headers (in another order of rows and months) is imported without asking.
    const second = await settle(
      db,
      await uploadFile(
        db,
        target,
        "azure",
        RENAMED + ROWS.replaceAll("2026-0", "2026-1").replace("700.25", "800"),
        "2026-12",
      ),
    );
    expect(second!.status).toBe("succeeded");
    expect(await storedRows(db, second!.id)).toHaveLength(2);
    // The same layout for the other source is not mapped by an Azure mapping.
    const m365 = await settle(
      db,
      await uploadFile(
        db,
        target,
        "m365",
        "Tenant GUID,Usage Period,Product,Attribution,Seats\n" +
          "00000000-0000-4000-8000-000000000001,2026-01,Intune,CPOR,10\n",
      ),
    );
    expect(m365!.status).toBe("needs_mapping");
  });

  it("a viewer cannot map; cancelling deletes the kept upload; a deleted mapping is asked for again", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin", viewer: "viewer" });
    const target = { organizationId: org.id, userId: users.admin.id };
    const waiting = await settle(db, await uploadFile(db, target, "azure", RENAMED + ROWS));
    expect(waiting!.status).toBe("needs_mapping");
    const denied = await executeOrgAction(orgActions["imports.map"], contextFor(db, users.viewer), org.slug, {
      importId: waiting!.id,
      ...MAPPING,
    });
    expect(denied).toMatchObject({ ok: false, error: "forbidden" });

    const cancelled = await executeOrgAction(
      orgActions["imports.cancelMapping"],
      contextFor(db, users.admin),
      org.slug,
      {
        importId: waiting!.id,
      },
    );
    expect(cancelled).toMatchObject({ ok: true });
    const [after] = await db.select().from(imports).where(eq(imports.id, waiting!.id));
    expect(after!.status).toBe("cancelled");
    expect(await findUploadById(db, waiting!.storagePath!)).toBeUndefined();

    // Map one file, delete the saved mapping: the next file with those headers asks again.
    const next = await settle(db, await uploadFile(db, target, "azure", RENAMED + ROWS));
    await executeOrgAction(orgActions["imports.map"], contextFor(db, users.admin), org.slug, {
      importId: next!.id,
      ...MAPPING,
    });
    expect((await settle(db, next!.id))!.status).toBe("succeeded");
    const [saved] = await listColumnMappings(db, org.id);
    const removed = await executeOrgAction(orgActions["columnMappings.delete"], contextFor(db, users.admin), org.slug, {
      mappingId: saved!.id,
    });
    expect(removed).toMatchObject({ ok: true });
    const again = await settle(db, await uploadFile(db, target, "azure", RENAMED + ROWS));
    expect(again!.status).toBe("needs_mapping");
  });

  it("a file whose header is not a near miss is still rejected: the other export, or too few columns", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin" });
    const target = { organizationId: org.id, userId: users.admin.id };
    const otherExport = await settle(
      db,
      await uploadFile(
        db,
        target,
        "azure",
        "CustomerTenantId,Month,WorkloadName,AssociationType,PaidAvailableUnits\n00000000-0000-4000-8000-000000000001,2026-01,Intune,CPOR,10\n",
      ),
    );
    expect(otherExport!.status).toBe("invalid");
    const tooFew = await settle(db, await uploadFile(db, target, "azure", "a,b\n1,2\n"));
    expect(tooFew!.status).toBe("invalid");
    expect(tooFew!.errors?.[0]?.message).toMatch(/required column is missing/);
  });
});
