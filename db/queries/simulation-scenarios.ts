import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { simulationScenarios, snapshots, users, type SimulationScenario } from "@/db/schema";
import type { ScoreResult } from "@/lib/scoring";

/** Saved scenarios of an organisation (shared with every member), newest first, with who saved them. */
export async function listScenarios(db: Db, organizationId: string) {
  return db
    .select({
      id: simulationScenarios.id,
      name: simulationScenarios.name,
      baseMonth: simulationScenarios.baseMonth,
      updatedAt: simulationScenarios.updatedAt,
      createdBy: users.name,
      createdByEmail: users.email,
    })
    .from(simulationScenarios)
    .leftJoin(users, eq(users.id, simulationScenarios.createdBy))
    .where(eq(simulationScenarios.organizationId, organizationId))
    .orderBy(desc(simulationScenarios.updatedAt));
}

/** One saved scenario of the organisation, or null (another organisation's id is "not found" too). */
export async function findScenario(db: Db, organizationId: string, id: string): Promise<SimulationScenario | null> {
  const [row] = await db
    .select()
    .from(simulationScenarios)
    .where(and(eq(simulationScenarios.organizationId, organizationId), eq(simulationScenarios.id, id)));
  return row ?? null;
}

export type NewScenario = Pick<
  SimulationScenario,
  "organizationId" | "name" | "scenario" | "baseMonth" | "baseVersion" | "predicted" | "createdBy"
>;

export async function insertScenario(db: Db, values: NewScenario): Promise<SimulationScenario> {
  const [row] = await db.insert(simulationScenarios).values(values).returning();
  return row!;
}

export async function updateScenario(
  db: Db,
  organizationId: string,
  id: string,
  values: Omit<NewScenario, "organizationId" | "createdBy">,
): Promise<SimulationScenario | null> {
  const [row] = await db
    .update(simulationScenarios)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(simulationScenarios.organizationId, organizationId), eq(simulationScenarios.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteScenario(db: Db, organizationId: string, id: string): Promise<SimulationScenario | null> {
  const [row] = await db
    .delete(simulationScenarios)
    .where(and(eq(simulationScenarios.organizationId, organizationId), eq(simulationScenarios.id, id)))
    .returning();
  return row ?? null;
}

/** The latest snapshots' results of some months (the actual numbers a saved scenario is compared with). */
export async function snapshotResults(
  db: Db,
  organizationId: string,
  months: string[],
): Promise<Map<string, { ruleSet: string; m365Basis: string; result: ScoreResult }>> {
  if (months.length === 0) return new Map();
  const rows = await db
    .select({
      month: snapshots.month,
      ruleSet: snapshots.ruleSet,
      m365Basis: snapshots.m365Basis,
      result: snapshots.result,
    })
    .from(snapshots)
    .where(
      and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true), inArray(snapshots.month, months)),
    );
  return new Map(rows.map((r) => [r.month, { ...r, result: r.result as unknown as ScoreResult }]));
}
