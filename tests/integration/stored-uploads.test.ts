import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { insertUpload, pruneUploads, UPLOAD_NOT_COMPLETED } from "@/db/queries/uploads";
import { imports, uploadChunks, uploads } from "@/db/schema";
import { importFromUpload } from "@/server/imports/submit";
import { runImport } from "@/server/imports/run";
import {
  PIECE_BYTES,
  readUpload,
  receiveBytes,
  UploadInterruptedError,
  UploadLengthExceededError,
  UploadOffsetError,
} from "@/server/imports/storage";
import { enqueueJob } from "@/server/jobs/queue";
import { createTestDb, testDriver } from "./helpers/test-db";
import { seedOrg, settle } from "./helpers/imports";

const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
const tenant = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
/** A valid Azure file of `rows` rows (about 80 bytes each). */
const azureFile = (rows: number, name = "Tenant") =>
  Buffer.from(
    HEADER +
      Array.from(
        { length: rows },
        (_, i) => `${tenant(i + 1)},${name} ${i},2026-0${(i % 9) + 1},Key Vault,,PAL,700\n`,
      ).join(""),
  );

/** A request body that yields `bytes` in 64 KB slices, then fails as a dropped connection does. */
async function* cutAfter(bytes: Buffer, cut: number) {
  for (let at = 0; at < cut; at += 65536) yield bytes.subarray(at, Math.min(at + 65536, cut));
  throw new Error("aborted");
}
function* slices(bytes: Buffer) {
  for (let at = 0; at < bytes.byteLength; at += 65536) yield bytes.subarray(at, at + 65536);
}

async function readBack(h: DbHandle, id: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of readUpload({ db: h.db }, id)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe(`stored uploads (${testDriver()})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => {
    await h.close();
  });

  async function newUpload(organizationId: string, length: number | null) {
    return insertUpload(h.db, {
      organizationId,
      createdBy: null,
      source: "azure",
      fileName: "azure.csv",
      dataMonth: "2026-10",
      length,
    });
  }

  it("bytes that arrived before a dropped connection stay stored, and the upload resumes from the last one", async () => {
    const { org } = await seedOrg(h.db);
    const file = Buffer.concat([azureFile(150_000)]);
    expect(file.byteLength).toBeGreaterThan(2 * PIECE_BYTES);
    const upload = await newUpload(org.id, file.byteLength);
    const cut = PIECE_BYTES + 123_457;
    const error = await receiveBytes(h.db, upload, cutAfter(file, cut), Infinity).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadInterruptedError);
    expect((error as UploadInterruptedError).received).toBe(cut);
    const [kept] = await h.db.select().from(uploads).where(eq(uploads.id, upload.id));
    expect(kept!.received).toBe(cut);

    // A part that does not start at the stored offset is refused; the one that does completes the file.
    await expect(
      receiveBytes(h.db, { ...upload, received: 0 }, [file.subarray(0, 10)], Infinity),
    ).rejects.toBeInstanceOf(UploadOffsetError);
    const received = await receiveBytes(h.db, { ...upload, received: cut }, slices(file.subarray(cut)), Infinity);
    expect(received).toBe(file.byteLength);
    expect((await readBack(h, upload.id)).equals(file)).toBe(true);
  });

  it("more bytes than announced are refused, and the stored count never passes the announced length", async () => {
    const { org } = await seedOrg(h.db);
    const upload = await newUpload(org.id, 100_000);
    await expect(receiveBytes(h.db, upload, slices(Buffer.alloc(200_000, 1)), Infinity)).rejects.toBeInstanceOf(
      UploadLengthExceededError,
    );
    const [after] = await h.db.select().from(uploads).where(eq(uploads.id, upload.id));
    expect(after!.received).toBeLessThanOrEqual(100_000);
  });

  it("an import whose upload was deleted before its job ran fails with a clear reason, and the worker goes on", async () => {
    const { org, user } = await seedOrg(h.db);
    const target = { organizationId: org.id, createdBy: user.id };
    const make = async (rows: number) => {
      const upload = await newUpload(target.organizationId, null);
      const file = azureFile(rows, `Gone ${org.id}`);
      await receiveBytes(h.db, upload, [file], Infinity);
      await h.db.update(uploads).set({ length: file.byteLength }).where(eq(uploads.id, upload.id));
      const [complete] = await h.db.select().from(uploads).where(eq(uploads.id, upload.id));
      const { imp } = await importFromUpload(h.db, complete!);
      await enqueueJob(h.db, { kind: "import.run", organizationId: org.id, payload: { importId: imp.id } });
      return { imp, upload };
    };
    const gone = await make(10);
    const next = await make(20);
    await h.db.delete(uploadChunks).where(eq(uploadChunks.uploadId, gone.upload.id));
    await settle(h.db);
    const [failed] = await h.db.select().from(imports).where(eq(imports.id, gone.imp.id));
    expect(failed!.status).toBe("failed");
    expect(failed!.failureReason).toMatch(/no longer stored\. Upload the file again/);
    const [done] = await h.db.select().from(imports).where(eq(imports.id, next.imp.id));
    expect(done!.status).toBe("succeeded");
    expect(done!.rowsProcessed).toBe(20);
    // Both uploads are gone: the failed one and the imported one.
    expect(await h.db.select().from(uploads).where(eq(uploads.organizationId, org.id))).toHaveLength(0);
  });

  it("abandoned uploads, and those an ended import left behind, are pruned; waiting ones are kept", async () => {
    const { org } = await seedOrg(h.db);
    const abandoned = await newUpload(org.id, 1000);
    await h.db
      .update(uploads)
      .set({ updatedAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(uploads.id, abandoned.id));
    const fresh = await newUpload(org.id, 1000);
    const leftover = await newUpload(org.id, null);
    await receiveBytes(h.db, leftover, [azureFile(3)], Infinity);
    const [complete] = await h.db.select().from(uploads).where(eq(uploads.id, leftover.id));
    const { imp } = await importFromUpload(h.db, { ...complete!, length: complete!.received });
    await h.db.update(imports).set({ status: "failed" }).where(eq(imports.id, imp.id));
    await pruneUploads(h.db, 86_400_000);
    const left = await h.db.select({ id: uploads.id }).from(uploads).where(eq(uploads.organizationId, org.id));
    expect(left.map((u) => u.id)).toEqual([fresh.id]);
  });

  if (testDriver() === "postgres") {
    /** An upload with its declared length and its import made at once, as the upload route does on PostgreSQL. */
    async function earlyImport(organizationId: string, createdBy: string, file: Buffer) {
      const upload = await insertUpload(h.db, {
        organizationId,
        createdBy,
        source: "azure",
        fileName: "early.csv",
        dataMonth: "2026-10",
        length: file.byteLength,
      });
      const { imp } = await importFromUpload(h.db, upload);
      expect(imp.byteSize).toBe(file.byteLength);
      return { upload, imp };
    }
    const statusOf = async (id: string) => (await h.db.select().from(imports).where(eq(imports.id, id)))[0]!;

    it("an import begun while its file arrives reads the pieces as they land, and stores every row once the last one has", async () => {
      const { org, user } = await seedOrg(h.db);
      const file = azureFile(150_000, `Early ${org.id}`);
      const { upload, imp } = await earlyImport(org.id, user.id, file);
      const firstPart = PIECE_BYTES + 1000;
      await receiveBytes(h.db, upload, slices(file.subarray(0, firstPart)), Infinity);
      let ended = false;
      const run = runImport(h.db, imp.id).then(() => (ended = true));
      // It reads what has arrived and waits for the rest, inside its transaction: nothing is stored yet.
      for (let i = 0; i < 200 && (await statusOf(imp.id)).status !== "validating"; i++)
        await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 300));
      expect(ended).toBe(false);
      expect((await statusOf(imp.id)).status).toBe("validating");
      await receiveBytes(h.db, { ...upload, received: firstPart }, slices(file.subarray(firstPart)), Infinity);
      await run;
      const done = await statusOf(imp.id);
      expect(done.status).toBe("succeeded");
      expect(done.rowsProcessed).toBe(150_000);
      const counted = await h.db.execute(sql`select count(*)::int as n from azure_usage u
          join data_revisions r on r.id = u.revision_id where r.organization_id = ${org.id} and r.active`);
      expect((counted as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(150_000);
      // The whole upload is deleted at the end of the pass, as for an import made after the upload.
      expect(await h.db.select().from(uploads).where(eq(uploads.id, upload.id))).toHaveLength(0);
    });

    it("an upload that stops arriving makes its import give way, nothing stored; the last byte queues it again", async () => {
      const { org, user } = await seedOrg(h.db);
      const file = azureFile(60_000, `Stalled ${org.id}`);
      const { upload, imp } = await earlyImport(org.id, user.id, file);
      const part = 1_000_000;
      await receiveBytes(h.db, upload, slices(file.subarray(0, part)), Infinity);
      await runImport(h.db, imp.id, { stallMs: 500 });
      const waiting = await statusOf(imp.id);
      expect(waiting.status).toBe("uploaded");
      expect(waiting.rowsProcessed).toBe(0);
      const stored = await h.db.execute(sql`select count(*)::int as n from data_revisions where import_id = ${imp.id}`);
      expect((stored as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      // The upload is kept for the requests still to come; the rest arrives and the import runs from the start.
      const [kept] = await h.db.select().from(uploads).where(eq(uploads.id, upload.id));
      expect(kept!.received).toBe(part);
      await receiveBytes(h.db, { ...upload, received: part }, slices(file.subarray(part)), Infinity);
      await runImport(h.db, imp.id);
      const done = await statusOf(imp.id);
      expect(done.status).toBe("succeeded");
      expect(done.rowsProcessed).toBe(60_000);
    });

    it("a file refused from its first bytes ends its import before the rest has arrived, and keeps the upload for its requests", async () => {
      const { org, user } = await seedOrg(h.db);
      // gzip bytes named .csv: refused from the first 512 bytes, the rest is never needed.
      const gzip = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(3_000_000, 7)]);
      const { upload, imp } = await earlyImport(org.id, user.id, gzip);
      await receiveBytes(h.db, upload, slices(gzip.subarray(0, 500_000)), Infinity);
      await runImport(h.db, imp.id, { stallMs: 60_000 });
      const refused = await statusOf(imp.id);
      expect(refused.status).toBe("invalid");
      expect(refused.errors![0]!.message).toMatch(/gzip/i);
      const [kept] = await h.db.select().from(uploads).where(eq(uploads.id, upload.id));
      expect(kept!.received).toBe(500_000);
      // The prune (or the upload route, at the next request) deletes it: its import has ended.
      await pruneUploads(h.db, 86_400_000);
      expect(await h.db.select().from(uploads).where(eq(uploads.id, upload.id))).toHaveLength(0);
    });

    it("an import begun early whose upload was abandoned ends failed when the upload is pruned", async () => {
      const { org, user } = await seedOrg(h.db);
      const file = azureFile(1000, `Abandoned ${org.id}`);
      const { upload, imp } = await earlyImport(org.id, user.id, file);
      await receiveBytes(h.db, upload, [file.subarray(0, 1000)], Infinity);
      await h.db
        .update(uploads)
        .set({ updatedAt: new Date(Date.now() - 2 * 86_400_000) })
        .where(eq(uploads.id, upload.id));
      await pruneUploads(h.db, 86_400_000);
      const failed = await statusOf(imp.id);
      expect(failed.status).toBe("failed");
      expect(failed.failureReason).toBe(UPLOAD_NOT_COMPLETED);
      expect(await h.db.select().from(uploads).where(eq(uploads.id, upload.id))).toHaveLength(0);
    });

    it("two instances with no shared disk: each receives parts of the other's uploads and imports the other's files", async () => {
      const url = inject("testDatabaseUrl")!;
      const [a, b] = await Promise.all([openDb({ databaseUrl: url }), openDb({ databaseUrl: url })]);
      try {
        const { org, user } = await seedOrg(a.db);
        const upload = async (via: DbHandle, rows: number, name: string, handOver: DbHandle) => {
          const file = azureFile(rows, name);
          const up = await insertUpload(via.db, {
            organizationId: org.id,
            createdBy: user.id,
            source: "azure",
            fileName: `${name}.csv`,
            dataMonth: "2026-10",
            length: file.byteLength,
          });
          // The first part reaches one instance, the rest (after a reconnect through the load balancer) the other.
          const half = Math.floor(file.byteLength / 2);
          await receiveBytes(via.db, up, [file.subarray(0, half)], Infinity);
          await receiveBytes(handOver.db, { ...up, received: half }, [file.subarray(half)], Infinity);
          const [complete] = await via.db.select().from(uploads).where(eq(uploads.id, up.id));
          const { imp } = await importFromUpload(via.db, complete!);
          await enqueueJob(via.db, { kind: "import.run", organizationId: org.id, payload: { importId: imp.id } });
          return imp.id;
        };
        // A takes the upload, B's worker imports it; then the other way round.
        const first = await upload(a, 3000, `First ${org.id}`, b);
        expect((await settle(b.db, first))!.status).toBe("succeeded");
        const second = await upload(b, 4000, `Second ${org.id}`, a);
        const done = await settle(a.db, second);
        expect(done!.status).toBe("awaiting_confirmation");
        const [firstDone] = await a.db.select().from(imports).where(eq(imports.id, first));
        expect([firstDone!.rowsProcessed, done!.rowsProcessed]).toEqual([3000, 4000]);
        const counted = await a.db.execute(sql`select count(*)::int as n from azure_usage u
            join data_revisions r on r.id = u.revision_id where r.organization_id = ${org.id}`);
        const [{ n }] = (counted as unknown as { rows: { n: number }[] }).rows as [{ n: number }];
        expect(n).toBe(7000);
        expect(await a.db.select().from(uploads).where(eq(uploads.organizationId, org.id))).toHaveLength(0);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  }
});
