import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { deleteUpload } from "@/db/queries/uploads";
import { dataRevisions, imports, jobs } from "@/db/schema";
import { jobHandlers } from "@/server/jobs/handlers";
import { claimNextJob, enqueueJob, MAX_ATTEMPTS, releaseExpiredLeases, runJob } from "@/server/jobs/queue";
import { createTestDb, testDriver } from "./helpers/test-db";
import { seedOrg, settle, uploadFile } from "./helpers/imports";

const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
const row = (n: number, name: string, month = "2026-05") =>
  `00000000-0000-4000-8000-${String(n).padStart(12, "0")},${name},${month},Key Vault,,PAL,700\n`;

/**
 * The job queue's promises, run in-process (no timers): a run that dies is given back once its lease passes and
 * ends in a final state after a bounded number of attempts; a missing upload or a read-only upload folder ends
 * only that import, clearly; and logs name the error's class and the import, never a customer.
 */
describe(`job queue (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  // These tests claim "the next job": jobs left by earlier files of the run (on PostgreSQL they share the
  // database), some waiting out a backoff, are run now or set aside so they cannot be claimed in between.
  beforeEach(async () => {
    await settle(h.db);
    await h.db
      .update(jobs)
      .set({ status: "done", finishedAt: new Date() })
      .where(inArray(jobs.status, ["pending", "running"]));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  const jobOf = async (id: string) => (await h.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
  /** The run dies (its instance is killed): nothing records its end, and its lease passes. */
  const dies = async (id: string) =>
    h.db
      .update(jobs)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, id));
  /** Skips the backoff wait, which the assertions check separately. */
  const due = async (id: string) =>
    h.db
      .update(jobs)
      .set({ runAfter: sql`now()` })
      .where(eq(jobs.id, id));
  const claim = async (kind: string) => {
    const job = await claimNextJob(h.db);
    expect(job?.kind).toBe(kind);
    return job!;
  };

  it("a recompute whose run keeps dying is given back with a growing backoff, then ends failed", async () => {
    const { org } = await seedOrg(h.db);
    await enqueueJob(h.db, { kind: "snapshots.recompute", organizationId: org.id, dedupeKey: `recompute:${org.id}` });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS["snapshots.recompute"]; attempt++) {
      const job = await claim("snapshots.recompute");
      expect(job.attempts).toBe(attempt);
      expect(job.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
      // While the lease is live the job is not given back.
      expect(await releaseExpiredLeases(h.db)).toBe(0);
      await dies(job.id);
      expect(await releaseExpiredLeases(h.db)).toBe(1);
      const released = await jobOf(job.id);
      expect(released.status).toBe("pending");
      waits.push(Math.round((released.runAfter.getTime() - Date.now()) / 1000));
      expect(await claimNextJob(h.db)).toBeUndefined(); // it waits out its backoff
      await due(job.id);
    }
    expect(waits.map((s) => Math.min(Math.max(s, 0), 60))).toEqual([5, 15, 45].map((s) => expect.closeTo(s, 0)));
    const last = await claim("snapshots.recompute");
    await runJob(h.db, jobHandlers, last);
    const ended = await jobOf(last.id);
    expect(ended.status).toBe("failed");
    expect(ended.lastError).toMatch(/^gave up after 3 attempts/);
    expect(await claimNextJob(h.db)).toBeUndefined();
  });

  it("an import whose run died ends failed at its next run, and the organisation's next upload goes through", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    const first = await uploadFile(h.db, target, "azure", HEADER + row(1, "First"), "2026-10");
    const job = await claim("import.run");
    // The run had started (the import shows "validating") when its instance was killed.
    await h.db.update(imports).set({ status: "validating" }).where(eq(imports.id, first));
    const second = await uploadFile(h.db, target, "azure", HEADER + row(2, "Second"), "2026-10");
    // A dead run does not hold the organisation: its later upload is claimed before the lease is even released.
    await dies(job.id);
    const next = await claim("import.run");
    expect(next.payload.importId).toBe(second);
    await runJob(h.db, jobHandlers, next);
    expect((await releaseExpiredLeases(h.db)) >= 1).toBe(true);
    await due(job.id);
    await settle(h.db);
    const [a] = await h.db.select().from(imports).where(eq(imports.id, first));
    expect(a!.status).toBe("failed");
    expect(a!.failureReason).toBe(
      "The import stopped and nothing was stored: it was interrupted (the server or its database stopped while it ran). Upload the file again.",
    );
    expect((await jobOf(job.id)).status).toBe("done");
    const [b] = await h.db.select().from(imports).where(eq(imports.id, second));
    expect(b!.status).toBe("succeeded");
    expect(await h.db.select().from(dataRevisions).where(eq(dataRevisions.importId, first))).toEqual([]);
  });

  it("an import job claimed past its last attempt is ended by its give-up, even before it started", async () => {
    const { org, user } = await seedOrg(h.db);
    const id = await uploadFile(h.db, { organizationId: org.id, userId: user.id }, "azure", HEADER + row(1, "A"));
    for (let i = 0; i < MAX_ATTEMPTS["import.run"]; i++) {
      const job = await claim("import.run");
      await dies(job.id);
      await releaseExpiredLeases(h.db);
      await due(job.id);
    }
    const last = await claim("import.run");
    await runJob(h.db, jobHandlers, last);
    expect((await jobOf(last.id)).lastError).toMatch(/^gave up after 2 attempts/);
    const [imp] = await h.db.select().from(imports).where(eq(imports.id, id));
    expect(imp!.status).toBe("failed");
    expect(imp!.failureReason).toMatch(/Upload the file again\.$/);
  });

  it("an upload gone before its job runs fails that import clearly; the worker goes on with the next one", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, userId: user.id };
    const gone = await uploadFile(h.db, target, "azure", HEADER + row(1, "Gone"), "2026-10");
    const [imp] = await h.db.select().from(imports).where(eq(imports.id, gone));
    await deleteUpload(h.db, imp!.storagePath!);
    const other = await seedOrg(h.db);
    const next = await uploadFile(
      h.db,
      { organizationId: other.org.id, userId: other.user.id },
      "azure",
      HEADER + row(2, "Next"),
      "2026-10",
    );
    await settle(h.db); // before the fix, the preview waited for ever on a missing upload and this never returned
    const [a] = await h.db.select().from(imports).where(eq(imports.id, gone));
    expect(a!.status).toBe("failed");
    expect(a!.failureReason).toMatch(/the uploaded file is no longer stored\. Upload the file again\.$/);
    const [job] = await h.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, "import.run"), sql`${jobs.payload}->>'importId' = ${gone}`));
    expect(job!.status).toBe("failed"); // final: a second run could only find the import failed
    expect(job!.attempts).toBe(1);
    const [b] = await h.db.select().from(imports).where(eq(imports.id, next));
    expect(b!.status).toBe("succeeded");
  });

  it("a failed insert is logged with the error's class and the import's id, never the rows' values", async () => {
    const { org, user } = await seedOrg(h.db);
    await h.db.execute(sql`create function refuse_secret() returns trigger language plpgsql as $$
      begin if new.customer_name = 'Last Row Inc' then raise exception 'refused by the test'; end if; return new; end $$`);
    await h.db.execute(
      sql`create trigger refuse_secret before insert on azure_usage for each row execute function refuse_secret()`,
    );
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const rows = Array.from({ length: 2500 }, (_, i) => row(100 + i, `Secret Customer ${i} Ltd`)).join("");
      const id = await uploadFile(
        h.db,
        { organizationId: org.id, userId: user.id },
        "azure",
        HEADER + rows + row(9, "Last Row Inc"),
        "2026-10",
      );
      const failed = await settle(h.db, id);
      expect(failed!.status).toBe("failed");
      const lines = logged.mock.calls.map((c) => c.map(String).join(" "));
      expect(lines.some((l) => l.includes(`(import ${id}) failed`))).toBe(true);
      const all = lines.join("\n");
      expect(all).not.toMatch(/Secret Customer|Last Row Inc|00000000-0000-4000-8000/);
      expect(all.length).toBeLessThan(2_000);
    } finally {
      logged.mockRestore();
      await h.db.execute(sql`drop trigger refuse_secret on azure_usage`);
      await h.db.execute(sql`drop function refuse_secret()`);
    }
  });
});
