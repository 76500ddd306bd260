import type { Db } from "@/db/client";
import { recordImportProgress } from "@/db/queries/imports";

/**
 * Writes an import's progress (bytes and rows so far) at most once a second, so the page can show a progress bar
 * without the import spending its time on progress updates.
 */
export function progressReporter(db: Db, importId: string, rows: () => number) {
  let last = 0;
  return async (bytes: number) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    await recordImportProgress(db, importId, bytes, rows());
  };
}
