import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appendAuditOncePerDay } from "@/db/queries/audit-log";
import type { z } from "zod";
import { orgActions } from "@/server/actions";
import { executeOrgAction, type OrgActionDefinition } from "@/server/org-action";
import { seedDataWorld } from "./helpers/data-world";
import { auditRows, contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

/**
 * Issue 12, from the scanners: a NUL byte in a filter reached PostgreSQL and answered 500, and every download of
 * an export wrote an audit row (498 after one crawl).
 */
describe(`query strings and audited downloads (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  async function world() {
    const seeded = await seedOrg(handle.db, { admin: "admin", viewer: "viewer" });
    await seedDataWorld(handle.db, seeded.org.id, seeded.users.admin.id);
    return seeded;
  }

  it("refuses NUL and other control characters in every exported filter as invalid input", async () => {
    const { org, users } = await world();
    const ctx = contextFor(handle.db, users.admin);
    const attempts: [OrgActionDefinition<z.ZodType, unknown>, Record<string, string>][] = [
      [orgActions["audit.export"] as OrgActionDefinition<z.ZodType, unknown>, { action: "a\u0000" }],
      [orgActions["audit.export"], { from: "2026-01-01\u0000" }],
      [orgActions["snapshots.export"], { month: "2026-10", q: "a\u0000" }],
      [orgActions["snapshots.export"], { month: "2026-10", q: "x\u001b[2J" }],
      [orgActions["snapshots.export"], { month: "2026-10", sort: "name\u0000" }],
      [orgActions["imports.authorize"], { source: "azure", dataMonth: "2026-10", fileName: "a\u0000.csv" }],
    ];
    for (const [def, input] of attempts) {
      const res = await executeOrgAction(def, ctx, org.slug, input);
      expect(res, JSON.stringify(input)).toMatchObject({ ok: false, error: "invalid_input" });
    }
    // The same filters without the control character still work.
    expect(await executeOrgAction(orgActions["audit.export"], ctx, org.slug, { action: "a" })).toMatchObject({
      ok: true,
    });
    expect(
      await executeOrgAction(orgActions["snapshots.export"], ctx, org.slug, { month: "2026-10", q: "a" }),
    ).toMatchObject({ ok: true });
  });

  it("a crawl of the exports writes one audit entry per person, export and object a day", async () => {
    const { org, users } = await world();
    const admin = contextFor(handle.db, users.admin);
    const crawl = [];
    for (let i = 0; i < 40; i++) {
      crawl.push(
        executeOrgAction(orgActions["snapshots.export"], admin, org.slug, {
          month: "2026-10",
          q: `crawl-${i % 7}`,
          page: String(i),
        }),
        executeOrgAction(orgActions["trends.export"], admin, org.slug, {}),
        executeOrgAction(orgActions["audit.export"], admin, org.slug, { action: i % 2 ? "org.rename" : "" }),
      );
    }
    // Concurrent, as a crawler's requests are: the advisory lock keeps it to one entry each.
    for (const res of await Promise.all(crawl)) expect(res).toMatchObject({ ok: true });
    await executeOrgAction(orgActions["snapshots.export"], contextFor(handle.db, users.viewer), org.slug, {
      month: "2026-10",
    });

    const rows = await auditRows(handle.db, org.id);
    const count = (action: string, actor: string) =>
      rows.filter((r) => r.action === action && r.actorUserId === actor).length;
    expect(count("snapshots.export", users.admin.id)).toBe(1);
    expect(count("trends.export", users.admin.id)).toBe(1);
    expect(count("audit.export", users.admin.id)).toBe(1);
    expect(count("snapshots.export", users.viewer.id)).toBe(1);
    // The entry kept is the first download, with what it exported.
    expect(rows.find((r) => r.action === "snapshots.export")).toMatchObject({
      objectType: "snapshot",
      after: { month: "2026-10" },
    });
  });

  it("records a download again on the next UTC day", async () => {
    const { org, users } = await seedOrg(handle.db, { admin: "admin" });
    const event = {
      organizationId: org.id,
      actor: { id: users.admin.id, email: users.admin.email },
      action: "trends.export",
      objectType: "trends",
      objectId: org.id,
    };
    const today = new Date();
    expect(await handle.db.transaction((tx) => appendAuditOncePerDay(tx, event, today))).toBe(true);
    expect(await handle.db.transaction((tx) => appendAuditOncePerDay(tx, event, today))).toBe(false);
    const tomorrow = new Date(today.getTime() + 86_400_000);
    expect(await handle.db.transaction((tx) => appendAuditOncePerDay(tx, event, tomorrow))).toBe(true);
    expect((await auditRows(handle.db, org.id)).filter((r) => r.action === "trends.export")).toHaveLength(2);
  });
});
