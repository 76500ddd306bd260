import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataRevisions, imports, type Import } from "@/db/schema";
import { readAzureUsage, readM365Licenses } from "@/lib/scoring";
import { enqueueJob } from "../jobs/queue";
import { previewUpload } from "./preview";
import { readUpload, removeUpload } from "./storage";
import { progressReporter } from "./progress";

/**
 * Background step 1: read the whole upload and validate every row before anything is stored. A bad file ends
 * here (status `invalid`, its errors kept, the file removed); a good one waits for confirmation when it would
 * replace months that have data, and is otherwise queued for import.
 */
export async function validateImport(db: Db, importId: string): Promise<void> {
  const [imp] = await db.select().from(imports).where(eq(imports.id, importId));
  if (!imp || imp.status !== "uploaded" || !imp.storagePath) return;
  await db.update(imports).set({ status: "validating" }).where(eq(imports.id, importId));
  try {
    await validate(db, { ...imp, storagePath: imp.storagePath });
  } catch (err) {
    // Whatever went wrong, the import must not stay "checking" for ever, and nothing of it is stored.
    removeUpload(imp.storagePath);
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    await db
      .update(imports)
      .set({ status: "failed", failureReason: `The file could not be checked, and nothing was stored: ${reason}`, storagePath: null, finishedAt: new Date() })
      .where(eq(imports.id, importId));
    throw err;
  }
}

async function validate(db: Db, imp: Import & { storagePath: string }): Promise<void> {
  const importId = imp.id;
  const preview = await previewUpload(imp.storagePath, imp.source);
  const months = new Set<string>();
  let rows = 0;
  const report = progressReporter(db, importId, () => rows);
  const input = readUpload(imp.storagePath, report);
  const read = imp.source === "azure" ? readAzureUsage : readM365Licenses;
  const result = await read(input, {
    file: imp.fileName,
    onRow: (row: { month: string }) => {
      rows++;
      months.add(row.month);
    },
  });

  if (!result.ok) {
    removeUpload(imp.storagePath);
    await db
      .update(imports)
      .set({
        status: "invalid",
        errors: result.errors,
        errorTotal: result.total,
        columnMapping: preview.mapping,
        preview: { headers: preview.headers, rows: preview.rows },
        storagePath: null,
        finishedAt: new Date(),
      })
      .where(eq(imports.id, importId));
    return;
  }

  const monthList = [...months].sort();
  const existing = monthList.length
    ? await db
        .selectDistinct({ month: dataRevisions.month })
        .from(dataRevisions)
        .where(
          and(
            eq(dataRevisions.organizationId, imp.organizationId),
            eq(dataRevisions.source, imp.source),
            eq(dataRevisions.active, true),
            inArray(dataRevisions.month, monthList),
          ),
        )
    : [];
  const conflicting = existing.map((r) => r.month).sort();
  await db.transaction(async (tx) => {
    await tx
      .update(imports)
      .set({
        status: conflicting.length > 0 ? "awaiting_confirmation" : "queued",
        summary: result.summary as unknown as Record<string, unknown>,
        rowsProcessed: rows,
        months: monthList,
        dataMonth: imp.dataMonth ?? monthList[monthList.length - 1] ?? null,
        conflictingMonths: conflicting,
        columnMapping: preview.mapping,
        preview: { headers: preview.headers, rows: preview.rows },
      })
      .where(eq(imports.id, importId));
    if (conflicting.length === 0) {
      await enqueueJob(tx, { kind: "import.commit", organizationId: imp.organizationId, payload: { importId } });
    }
  });
}
