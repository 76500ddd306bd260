import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { jobs, organizationDataStatus } from "@/db/schema";
import { decideImportAction } from "@/server/actions/imports";
import { scheduleMonthlyCycle } from "@/server/jobs/monthly-cycle";
import { createTestDb, testDriver } from "./helpers/test-db";
import { runHandler, seedOrg, settle, uploadFile } from "./helpers/imports";

const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";

describe(`the monthly cycle on the 20th (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("runs once per period, marks organisations whose previous month has not arrived, and recomputes", async () => {
    const late = await seedOrg(h.db);
    const current = await seedOrg(h.db);
    const row = (month: string) =>
      `00000000-0000-4000-8000-000000000001,Contoso,${month},Key Vault,Azure Plan,PAL,700\n`;
    // Months of 2031 are years ahead of today: each import asks first, and the user confirms it.
    const imported = async (target: { org: { id: string }; user: { id: string } }, month: string) => {
      const id = await uploadFile(
        h.db,
        { organizationId: target.org.id, userId: target.user.id },
        "azure",
        HEADER + row(month),
        month,
      );
      const waiting = await settle(h.db, id);
      expect(waiting!.confirmReasons?.[0]).toMatch(/more than a month after this month/);
      await runHandler(h.db, decideImportAction, target.org.id, { importId: id, decision: "replace" });
      await settle(h.db);
    };
    await imported(late, "2031-08");
    await imported(current, "2031-09");

    const the20th = new Date("2031-10-20T06:00:00Z");
    expect(await scheduleMonthlyCycle(h.db, the20th)).toBe(true);
    // A second instance (or a restart) the same month does not run it again.
    expect(await scheduleMonthlyCycle(h.db, new Date("2031-10-25T06:00:00Z"))).toBe(false);
    await settle(h.db);

    const status = async (orgId: string) =>
      (await h.db.select().from(organizationDataStatus).where(eq(organizationDataStatus.organizationId, orgId)))[0]
        ?.overdueMonth;
    expect(await status(late.org.id)).toBe("2031-09");
    expect(await status(current.org.id)).toBeNull();
    const cycleJobs = await h.db.select().from(jobs).where(eq(jobs.kind, "cycle.monthly"));
    expect(cycleJobs.filter((j) => j.payload.today === the20th.toISOString()).map((j) => j.status)).toEqual(["done"]);
  });

  it("a start-up after a missed 20th runs the missed check at once", async () => {
    // Nothing ran for 2031-11 (the instance was down on the 20th); starting on the 23rd schedules it.
    expect(await scheduleMonthlyCycle(h.db, new Date("2031-11-23T09:00:00Z"))).toBe(true);
    const pending = await h.db.select().from(jobs).where(eq(jobs.dedupeKey, "cycle:2031-11"));
    expect(pending).toHaveLength(1);
    await settle(h.db);
  });
});
