import type { Db } from "@/db/client";
import { insertScenario } from "@/db/queries/simulation-scenarios";

/** A saved scenario row (as the save action would store one), for tests that act on it. */
export function seedScenario(db: Db, organizationId: string, userId: string, name = "Seeded scenario") {
  return insertScenario(db, {
    organizationId,
    name,
    scenario: { ruleSet: "security-2025", m365Basis: "any-month", changes: [] },
    baseMonth: "2026-10",
    baseVersion: "1",
    predicted: [],
    createdBy: userId,
  });
}
