import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { insertUpload, pruneUploads } from "@/db/queries/uploads";
import { imports, uploadChunks, uploads } from "@/db/schema";
import { importFromUpload } from "@/server/imports/submit";
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
