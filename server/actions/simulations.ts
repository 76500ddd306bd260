import { z } from "zod";
import { deleteScenario, findScenario, insertScenario, updateScenario } from "@/db/queries/simulation-scenarios";
import { isMonth } from "@/lib/scoring";
import { predictionOf } from "@/lib/simulator/prediction";
import { scenarioSchema } from "@/lib/simulator/scenario";
import { ActionFailure, defineOrgAction, personOf } from "../org-action";
import {
  findSimulationTenants,
  simulateForOrganization,
  type SimulationResponse,
} from "../simulator/simulate-for-organization";

const month = z.string().refine(isMonth, "Use the form YYYY-MM, e.g. 2026-10.");

/**
 * Runs a scenario (every member may), and optionally looks tenants up for the page's picker. A read, audited
 * once per person and day (as downloads are) so the log shows who used the simulator without one entry per
 * keystroke.
 */
export const runSimulationAction = defineOrgAction({
  name: "simulations.run",
  permission: "simulations.run",
  input: z.object({
    scenario: scenarioSchema,
    planMonth: month.optional(),
    tenantQuery: z.string().trim().max(100).optional(),
  }),
  handler: async (tx, { org, input }) => {
    const simulation: SimulationResponse = await simulateForOrganization(tx, org, input.scenario, {
      planMonth: input.planMonth,
    });
    const tenants = input.tenantQuery
      ? await findSimulationTenants(tx, org, input.scenario.ruleSet, input.tenantQuery)
      : [];
    return {
      result: { simulation, tenants },
      audit: { objectType: "simulation", oncePerDay: true },
    };
  },
});

/**
 * Saves a scenario for the organisation (new, or replacing one by id), with what it predicts now, so it can be
 * compared with the snapshots that arrive later. Analysts and admins.
 */
export const saveScenarioAction = defineOrgAction({
  name: "simulations.save",
  permission: "simulations.save",
  input: z.object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, "Name the scenario.").max(120, "At most 120 characters."),
    scenario: scenarioSchema,
  }),
  handler: async (tx, { org, input, ...who }) => {
    const user = personOf(who);
    const simulation = await simulateForOrganization(tx, org, input.scenario);
    if (!simulation.ok) throw new ActionFailure("invalid_input", simulation.message);
    const values = {
      name: input.name,
      scenario: input.scenario as unknown as Record<string, unknown>,
      baseMonth: simulation.snapshot.month,
      baseVersion: String(simulation.snapshot.version),
      predicted: predictionOf(simulation.result) as unknown as Record<string, unknown>[],
    };
    const before = input.id ? await findScenario(tx, org.id, input.id) : null;
    if (input.id && !before) throw new ActionFailure("not_found", "This scenario no longer exists.");
    const saved = before
      ? await updateScenario(tx, org.id, before.id, values)
      : await insertScenario(tx, { ...values, organizationId: org.id, createdBy: user.id });
    return {
      result: { id: saved!.id },
      audit: {
        objectType: "simulation_scenario",
        objectId: saved!.id,
        before: before ? { name: before.name, changes: (before.scenario.changes as unknown[]).length } : null,
        after: { name: input.name, changes: input.scenario.changes.length, baseMonth: simulation.snapshot.month },
      },
    };
  },
});

export const deleteScenarioAction = defineOrgAction({
  name: "simulations.delete",
  permission: "simulations.save",
  input: z.object({ id: z.uuid() }),
  handler: async (tx, { org, input }) => {
    const deleted = await deleteScenario(tx, org.id, input.id);
    if (!deleted) throw new ActionFailure("not_found", "This scenario no longer exists.");
    return {
      result: { id: deleted.id },
      audit: { objectType: "simulation_scenario", objectId: deleted.id, before: { name: deleted.name } },
    };
  },
});
