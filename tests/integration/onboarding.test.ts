/**
 * The first-run checklist ticks each step when it is done, and "Try it with sample data" fills an empty
 * organisation through the import pipeline and clears it again in one action, audited, without touching real
 * data. The rendered-page cache's fingerprint follows every step the dashboard shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { onboardingProgress } from "@/db/queries/onboarding";
import { pageFingerprint } from "@/db/queries/page-fingerprint";
import { listSnapshots } from "@/db/queries/snapshots";
import { findSnapshot } from "./helpers/snapshots";
import { azureUsage, dataRevisions, imports, m365Licences, snapshots } from "@/db/schema";
import { auditSentence } from "@/lib/audit/sentence";
import { expectedDataMonth } from "@/lib/data-cycle";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { SAMPLE } from "@/server/sample-data";
import { settle, uploadFile } from "./helpers/imports";
import { auditRows, contextFor, seedOrg, sessionClaimsOf } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

describe(`onboarding and sample data (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("ticks each step of the checklist as it is done", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin" });
    const admin = contextFor(db, users.admin);
    expect(await onboardingProgress(db, org.id)).toEqual({
      azure: false,
      m365: false,
      colleague: false,
      points: false,
      sample: "none",
      realData: false,
    });
    const fp = () => pageFingerprint(db, sessionClaimsOf(users.admin), org.slug);

    let before = await fp();
    const invited = await executeOrgAction(orgActions["invitations.create"], admin, org.slug, {
      email: "colleague@example.test",
      role: "analyst",
    });
    expect(invited.ok).toBe(true);
    expect((await onboardingProgress(db, org.id)).colleague).toBe(true);
    expect(await fp()).not.toBe(before);

    const azure =
      "CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD\n" +
      "00000000-0000-4000-8000-000000000001,One,2026-01,Key Vault,PAL,700\n";
    await settle(db, await uploadFile(db, { organizationId: org.id, userId: users.admin.id }, "azure", azure));
    expect(await onboardingProgress(db, org.id)).toMatchObject({ azure: true, m365: false, realData: true });

    // Skilling alone is not the step: Customer Success points too.
    const enter = (values: Record<string, string>) =>
      executeOrgAction(orgActions["scores.enterManual"], admin, org.slug, {
        month: "2026-01",
        track: "enterprise",
        skilling: "",
        deployments: "",
        usageGrowth: "",
        ...values,
      });
    expect((await enter({ skilling: "30" })).ok).toBe(true);
    expect((await onboardingProgress(db, org.id)).points).toBe(false);
    before = await fp();
    expect((await enter({ skilling: "30", usageGrowth: "10" })).ok).toBe(true);
    expect((await onboardingProgress(db, org.id)).points).toBe(true);
    expect(await fp()).not.toBe(before);

    // Sample data never mixes with real data.
    const sample = await executeOrgAction(orgActions["sampleData.load"], admin, org.slug, {});
    expect(sample).toMatchObject({ ok: false, error: "conflict" });
  });

  it("fills an empty organisation with sample data through the import pipeline, and clears it in one action", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin", analyst: "analyst" });
    const admin = contextFor(db, users.admin);
    const fp = () => pageFingerprint(db, sessionClaimsOf(users.admin), org.slug);
    const empty = await fp();

    expect(
      (await executeOrgAction(orgActions["sampleData.load"], contextFor(db, users.analyst), org.slug, {})).ok,
    ).toBe(false);
    const loaded = await executeOrgAction(orgActions["sampleData.load"], admin, org.slug, {});
    expect(loaded).toMatchObject({ ok: true, data: { tenants: SAMPLE.tenants, months: SAMPLE.months } });
    expect((await onboardingProgress(db, org.id)).sample).toBe("loading");
    // A full page load must not get the cached empty dashboard while the sample data is on its way.
    expect(await fp()).not.toBe(empty);

    await settle(db);
    const progress = await onboardingProgress(db, org.id);
    expect(progress).toMatchObject({ azure: true, m365: true, sample: "loaded", realData: false });
    const history = await listSnapshots(db, org.id);
    expect(history[0]!.month).toBe(expectedDataMonth(new Date()));
    expect(history.length).toBe(SAMPLE.months);
    const latest = (await findSnapshot(db, org.id))!;
    expect(latest.result.tracks.enterprise.azure.current).toBeGreaterThan(0);
    const loadEntry = (await auditRows(db, org.id)).find((e) => e.action === "sampleData.load")!;
    expect(auditSentence(loadEntry, { actor: "Avery Admin" })).toBe(
      "Avery Admin filled the organisation with sample data (40 tenants, 24 months)",
    );

    const withData = await fp();
    const cleared = await executeOrgAction(orgActions["sampleData.clear"], admin, org.slug, {});
    expect(cleared.ok).toBe(true);
    const left = async (table: typeof imports | typeof dataRevisions | typeof snapshots) =>
      (await db.select({ n: count() }).from(table).where(eq(table.organizationId, org.id)))[0]!.n;
    expect(await left(imports)).toBe(0);
    expect(await left(dataRevisions)).toBe(0);
    expect(await left(snapshots)).toBe(0);
    const revisionIds = (await db.select({ id: dataRevisions.id }).from(dataRevisions)).map((r) => r.id);
    const orphans = await db
      .select({ n: count() })
      .from(azureUsage)
      .where(revisionIds.length ? inArray(azureUsage.revisionId, revisionIds) : undefined);
    const allAzure = (await db.select({ n: count() }).from(azureUsage))[0]!.n;
    const allM365 = (await db.select({ n: count() }).from(m365Licences))[0]!.n;
    // No usage row is left without its revision: every stored row belongs to a revision that still exists.
    expect(orphans[0]!.n).toBe(allAzure);
    expect(
      (
        await db
          .select({ n: count() })
          .from(m365Licences)
          .where(revisionIds.length ? inArray(m365Licences.revisionId, revisionIds) : undefined)
      )[0]!.n,
    ).toBe(allM365);
    expect(await onboardingProgress(db, org.id)).toMatchObject({ azure: false, m365: false, sample: "none" });
    expect(await fp()).not.toBe(withData);
    const clearEntry = (await auditRows(db, org.id)).at(-1)!;
    expect(clearEntry.action).toBe("sampleData.clear");

    // Cleared, it can be tried again; with a real import mixed in, clearing is refused and nothing is deleted.
    expect((await executeOrgAction(orgActions["sampleData.load"], admin, org.slug, {})).ok).toBe(true);
    await settle(db);
    const real =
      "CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD\n" +
      "00000000-0000-4000-8000-000000000009,Real,2023-01,Key Vault,PAL,700\n";
    await settle(db, await uploadFile(db, { organizationId: org.id, userId: users.admin.id }, "azure", real));
    const refused = await executeOrgAction(orgActions["sampleData.clear"], admin, org.slug, {});
    expect(refused).toMatchObject({ ok: false, error: "conflict" });
    expect(await left(snapshots)).toBeGreaterThan(0);
  });
});
