import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appendAudit } from "@/db/queries/audit-log";
import { auditLog } from "@/db/schema";
import { createTestDb, testDriver } from "./helpers/test-db";

/** The database itself keeps the audit log append-only: entries are added, never changed or removed. */
describe(`audit log is append-only (${testDriver()})`, () => {
  let handle: DbHandle;
  let id: number;
  beforeAll(async () => {
    handle = await createTestDb();
    await appendAudit(handle.db, {
      organizationId: null,
      actor: null,
      action: "test.appendOnly",
      objectType: "test",
      objectId: "1",
      before: null,
      after: { n: 1 },
    });
    const [row] = await handle.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(eq(auditLog.action, "test.appendOnly"));
    id = row!.id;
  });
  afterAll(async () => handle.close());

  it("refuses to change an entry", async () => {
    await expect(
      handle.db.update(auditLog).set({ action: "test.rewritten" }).where(eq(auditLog.id, id)),
    ).rejects.toThrow();
  });

  it("refuses to delete or truncate entries", async () => {
    await expect(handle.db.delete(auditLog).where(eq(auditLog.id, id))).rejects.toThrow();
    await expect(handle.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  it("still takes new entries, and the refused ones left the entry as it was", async () => {
    await appendAudit(handle.db, {
      organizationId: null,
      actor: null,
      action: "test.appendOnly",
      objectType: "test",
      objectId: "2",
      before: null,
      after: { n: 2 },
    });
    const rows = await handle.db
      .select({ objectId: auditLog.objectId, action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectType, "test"));
    expect(rows.map((r) => [r.objectId, r.action]).sort()).toEqual([
      ["1", "test.appendOnly"],
      ["2", "test.appendOnly"],
    ]);
  });
});
