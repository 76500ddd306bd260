import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { imports, organizationDataStatus } from "@/db/schema";

export type DataFreshness = {
  /** The newest data month a successful import brought, and when that import finished. */
  latestImport: { dataMonth: string; finishedAt: Date | null; fileName: string } | null;
  /** What the monthly check on the 20th found missing (null when up to date or never checked). */
  overdueMonth: string | null;
  checkedAt: Date | null;
};

export async function dataFreshness(db: Db, organizationId: string): Promise<DataFreshness> {
  const [latest] = await db
    .select({ dataMonth: imports.dataMonth, finishedAt: imports.finishedAt, fileName: imports.fileName })
    .from(imports)
    .where(
      and(eq(imports.organizationId, organizationId), eq(imports.status, "succeeded"), isNotNull(imports.dataMonth)),
    )
    .orderBy(desc(imports.dataMonth), desc(imports.finishedAt))
    .limit(1);
  const [status] = await db
    .select()
    .from(organizationDataStatus)
    .where(eq(organizationDataStatus.organizationId, organizationId));
  return {
    latestImport: latest
      ? { dataMonth: latest.dataMonth!, finishedAt: latest.finishedAt, fileName: latest.fileName }
      : null,
    overdueMonth: status?.overdueMonth ?? null,
    checkedAt: status?.checkedAt ?? null,
  };
}

/** Records the monthly check's finding: the data month that has not arrived (null when up to date). */
export async function recordDataStatus(db: Db, organizationId: string, overdueMonth: string | null): Promise<void> {
  const checkedAt = new Date();
  await db
    .insert(organizationDataStatus)
    .values({ organizationId, overdueMonth, checkedAt })
    .onConflictDoUpdate({ target: organizationDataStatus.organizationId, set: { overdueMonth, checkedAt } });
}
