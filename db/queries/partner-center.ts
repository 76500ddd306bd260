import { and, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  connectorRunImports,
  connectorRuns,
  partnerCenterConnections,
  type ConnectorRun,
  type PartnerCenterConnection,
} from "@/db/schema";

/** The Partner Center connection and its runs. The secret's ciphertext is read only by server/partner-center. */

export async function findConnection(db: Db, organizationId: string): Promise<PartnerCenterConnection | undefined> {
  const [row] = await db
    .select()
    .from(partnerCenterConnections)
    .where(eq(partnerCenterConnections.organizationId, organizationId));
  return row;
}

export async function saveConnection(
  db: Db,
  values: typeof partnerCenterConnections.$inferInsert,
): Promise<PartnerCenterConnection> {
  const { organizationId, ...rest } = values;
  const [row] = await db
    .insert(partnerCenterConnections)
    .values(values)
    .onConflictDoUpdate({ target: partnerCenterConnections.organizationId, set: { ...rest, updatedAt: new Date() } })
    .returning();
  void organizationId;
  return row!;
}

export async function updateConnection(
  db: Db,
  organizationId: string,
  values: Partial<typeof partnerCenterConnections.$inferInsert>,
): Promise<void> {
  await db
    .update(partnerCenterConnections)
    .set(values)
    .where(eq(partnerCenterConnections.organizationId, organizationId));
}

export async function deleteConnection(db: Db, organizationId: string): Promise<boolean> {
  const gone = await db
    .delete(partnerCenterConnections)
    .where(eq(partnerCenterConnections.organizationId, organizationId))
    .returning({ id: partnerCenterConnections.organizationId });
  return gone.length > 0;
}

export async function listConnections(db: Db): Promise<PartnerCenterConnection[]> {
  return db.select().from(partnerCenterConnections);
}

const ENDED = ["succeeded", "awaiting_confirmation", "invalid", "failed"] as const;

export async function insertRun(db: Db, values: typeof connectorRuns.$inferInsert): Promise<ConnectorRun> {
  const [row] = await db.insert(connectorRuns).values(values).returning();
  return row!;
}

export async function findRun(db: Db, runId: string): Promise<ConnectorRun | undefined> {
  const [row] = await db.select().from(connectorRuns).where(eq(connectorRuns.id, runId));
  return row;
}

export async function updateRun(
  db: Db,
  runId: string,
  values: Partial<typeof connectorRuns.$inferInsert>,
): Promise<void> {
  await db.update(connectorRuns).set(values).where(eq(connectorRuns.id, runId));
}

/** The organisation's run that has not ended, if any: a second "Refresh now" joins it instead of starting another. */
export async function activeRun(db: Db, organizationId: string): Promise<ConnectorRun | undefined> {
  const [row] = await db
    .select()
    .from(connectorRuns)
    .where(and(eq(connectorRuns.organizationId, organizationId), notInArray(connectorRuns.state, [...ENDED])))
    .orderBy(desc(connectorRuns.createdAt))
    .limit(1);
  return row;
}

export async function recentRuns(db: Db, organizationId: string, limit = 5): Promise<ConnectorRun[]> {
  return db
    .select()
    .from(connectorRuns)
    .where(eq(connectorRuns.organizationId, organizationId))
    .orderBy(desc(connectorRuns.createdAt))
    .limit(limit);
}

/** Whether a run of this trigger was made for this data month already (the monthly run is made once). */
export async function runsForMonth(db: Db, organizationId: string, dataMonth: string): Promise<ConnectorRun[]> {
  return db
    .select()
    .from(connectorRuns)
    .where(and(eq(connectorRuns.organizationId, organizationId), eq(connectorRuns.dataMonth, dataMonth)));
}

export async function linkRunImports(db: Db, runId: string, importIds: string[]): Promise<void> {
  if (importIds.length === 0) return;
  await db.insert(connectorRunImports).values(importIds.map((importId) => ({ importId, runId })));
}

/** The connector run that made an import, if a run did (the import's audit entry names the connection). */
export async function runOfImport(db: Db, importId: string): Promise<string | null> {
  const [row] = await db
    .select({ runId: connectorRunImports.runId })
    .from(connectorRunImports)
    .where(eq(connectorRunImports.importId, importId));
  return row?.runId ?? null;
}

export async function importIdsOfRuns(db: Db, runIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (runIds.length === 0) return out;
  const rows = await db.select().from(connectorRunImports).where(inArray(connectorRunImports.runId, runIds));
  for (const r of rows) out.set(r.runId, [...(out.get(r.runId) ?? []), r.importId]);
  return out;
}
