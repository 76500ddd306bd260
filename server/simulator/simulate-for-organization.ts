/**
 * The simulator for one organisation: its latest snapshot's data (cached, base-cache.ts) with a scenario's
 * changes, through lib/simulator. The page's action and the REST API (`POST /api/v1/orgs/{slug}/simulations`)
 * both call this after their own authorisation.
 */
import type { Db } from "@/db/client";
import type { Organization } from "@/db/schema";
import { findRuleSet, type Month } from "@/lib/scoring";
import type { Scenario, ScenarioProblem } from "@/lib/simulator/scenario";
import { simulate, type SimulationResult } from "@/lib/simulator/simulate";
import { simulationBaseFor } from "./base-cache";

export type SimulationResponse =
  | {
      ok: true;
      /** The snapshot the scenario was simulated on. */
      snapshot: { month: Month; version: number; ruleSet: string; m365Basis: string };
      result: SimulationResult;
    }
  | { ok: false; reason: "no_data"; message: string }
  | { ok: false; reason: "invalid"; message: string; problems: ScenarioProblem[] };

/**
 * Simulates `scenario` (already validated by scenarioSchema) on the organisation's latest snapshot. `db` may be
 * the database or a transaction (an action's): the base loads inside a (nested) transaction of it.
 */
export async function simulateForOrganization(
  db: Db,
  org: Pick<Organization, "id">,
  scenario: Scenario,
  options: { planMonth?: Month } = {},
): Promise<SimulationResponse> {
  const ruleSet = findRuleSet(scenario.ruleSet);
  if (!ruleSet)
    return {
      ok: false,
      reason: "invalid",
      message: "Unknown rule set.",
      problems: [{ change: null, message: "Unknown rule set." }],
    };
  const loaded = await db.transaction((tx) => simulationBaseFor(tx, org.id, ruleSet));
  if (loaded === null)
    return { ok: false, reason: "no_data", message: "There is no snapshot to simulate on yet: import data first." };
  const outcome = simulate(loaded.base, scenario, options.planMonth);
  if (!outcome.ok)
    return { ok: false, reason: "invalid", message: "The scenario cannot be simulated.", problems: outcome.problems };
  const { month, version, ruleSet: snapshotRules, m365Basis } = loaded.snapshot;
  return { ok: true, snapshot: { month, version, ruleSet: snapshotRules, m365Basis }, result: outcome.result };
}

/** Tenants of the latest snapshot whose id or name contains `text`, for the page's tenant picker. */
export async function findSimulationTenants(
  db: Db,
  org: Pick<Organization, "id">,
  ruleSetId: string,
  text: string,
  limit = 20,
): Promise<{ tenantId: string; name: string }[]> {
  const ruleSet = findRuleSet(ruleSetId);
  if (!ruleSet) return [];
  const loaded = await db.transaction((tx) => simulationBaseFor(tx, org.id, ruleSet));
  return loaded ? loaded.base.findTenants(text, limit) : [];
}
