import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { auditRows, contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

describe(`audit log export (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  async function orgWithHistory() {
    const world = await seedOrg(handle.db, { admin: "admin", analyst: "analyst", v: "viewer" });
    const ctx = contextFor(handle.db, world.users.admin);
    await executeOrgAction(orgActions["org.rename"], ctx, world.org.slug, { name: '=HYPERLINK("http://evil")' });
    await executeOrgAction(orgActions["members.changeRole"], ctx, world.org.slug, {
      userId: world.users.v.id,
      role: "analyst",
    });
    return world;
  }

  it("exports the organisation's entries as CSV, formulas neutralised, and records the export", async () => {
    const { org, users } = await orgWithHistory();
    const res = await executeOrgAction(orgActions["audit.export"], contextFor(handle.db, users.admin), org.slug, {});
    if (!res.ok) throw new Error(res.message);
    const lines = res.data.csv.trim().split("\r\n");
    expect(lines[0]).toBe("when,actor_email,actor_id,action,object_type,object_id,before,after,ip,user_agent");
    expect(lines).toHaveLength(3);
    expect(res.data.csv).toContain("members.changeRole");
    expect(res.data.csv).not.toMatch(/,=HYPERLINK/);
    expect((await auditRows(handle.db, org.id)).at(-1)).toMatchObject({ action: "audit.export", after: { rows: 2 } });
  });

  it("filters by action, person and date range", async () => {
    const { org, users } = await orgWithHistory();
    const ctx = contextFor(handle.db, users.admin);
    const byAction = await executeOrgAction(orgActions["audit.export"], ctx, org.slug, { action: "org.rename" });
    expect(byAction.ok && byAction.data.rows).toBe(1);
    const byPerson = await executeOrgAction(orgActions["audit.export"], ctx, org.slug, { actor: users.analyst.id });
    expect(byPerson.ok && byPerson.data.rows).toBe(0);
    const future = await executeOrgAction(orgActions["audit.export"], ctx, org.slug, { from: "2999-01-01" });
    expect(future.ok && future.data.rows).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const todayOnly = await executeOrgAction(orgActions["audit.export"], ctx, org.slug, {
      from: today,
      to: today,
      action: "",
    });
    expect(todayOnly.ok && todayOnly.data.rows).toBeGreaterThanOrEqual(2);
  });

  it("never includes another organisation's entries", async () => {
    const a = await orgWithHistory();
    const b = await orgWithHistory();
    const res = await executeOrgAction(
      orgActions["audit.export"],
      contextFor(handle.db, a.users.admin),
      a.org.slug,
      {},
    );
    if (!res.ok) throw new Error(res.message);
    expect(res.data.csv).not.toContain(b.users.admin.email);
    expect(res.data.csv).not.toContain(b.org.id);
  });

  it("refuses a malformed date", async () => {
    const { org, users } = await seedOrg(handle.db, { admin: "admin" });
    const res = await executeOrgAction(orgActions["audit.export"], contextFor(handle.db, users.admin), org.slug, {
      from: "yesterday'; --",
    });
    expect(res).toMatchObject({ ok: false, error: "invalid_input" });
  });
});
