import { z } from "zod";
import { apiRegistry, Money, REQUEST_BODIES, Month, ScoreResult, TenantStatus, Track } from "@/lib/api/schemas";
import { CANDIDATE_KINDS } from "@/lib/simulator/candidates";
import { scenarioSchema } from "@/lib/simulator/scenario";
import { ActionFailure } from "../../org-action";
import { simulateForOrganization } from "../../simulator/simulate-for-organization";
import { defineApiOperation } from "../operation";
import { orgPath } from "./shared";

const PlanStep = z.object({
  tenantId: z.string(),
  name: z.string(),
  kind: z.enum(CANDIDATE_KINDS),
  cost: z.string().describe("Dollars (decimal string) for Azure, seats for Microsoft 365."),
  has: z.string(),
  gains: z.object({ enterprise: z.int(), smb: z.int() }),
});

const SimulationResult = z.object({
  snapshot: z.object({ month: Month, version: z.int(), ruleSet: z.string(), m365Basis: z.string() }),
  months: z.array(z.object({ month: Month, baseline: ScoreResult, scenario: ScoreResult })),
  tenantChanges: z.array(
    z.object({
      tenantId: z.string(),
      name: z.string(),
      added: z.boolean(),
      month: Month,
      source: z.enum(["azure", "m365-enterprise", "m365-smb"]),
      before: TenantStatus,
      after: TenantStatus,
      counting: z.enum(["starts", "stops"]).nullable(),
    }),
  ),
  plan: z.object({
    month: Month,
    newCustomerAcr: Money,
    tracks: z.object({
      enterprise: z.object({
        netCustomerAdds: z.int(),
        points: z.int(),
        netAddsNeeded: z.int(),
        newCustomers: z.int(),
        steps: z.array(PlanStep),
      }),
      smb: z.object({
        netCustomerAdds: z.int(),
        points: z.int(),
        netAddsNeeded: z.int(),
        newCustomers: z.int(),
        steps: z.array(PlanStep),
      }),
    }),
  }),
  bestTrack: Track.describe("The track with the most points in the scenario's base month."),
});
// Named, so the document lists the request body once, as a component in its input shape.
REQUEST_BODIES.add("Scenario");
apiRegistry.add(scenarioSchema, {
  id: "Scenario",
  description: "Changes to the latest snapshot's data: ACR, licences, new customers, association types.",
});
apiRegistry.add(SimulationResult, {
  id: "SimulationResult",
  description: "A scenario's points and net adds per track for the base month and the next three (issue 16).",
});

/**
 * What-if on the latest snapshot's data, by the same engine and code as the Simulator page
 * (server/simulator/simulate-for-organization.ts). It changes nothing; viewers may run it, as on the page.
 */
export const runSimulationOperation = defineApiOperation({
  operationId: "simulations.run",
  method: "POST",
  path: "/orgs/{slug}/simulations",
  summary: "Run a scenario",
  description:
    "Applies the scenario's changes (money as decimal strings) to the latest snapshot's data and answers the " +
    "points and net adds per track for that month and the next three, the tenants that start or stop counting, " +
    "and the cheapest way to the maximum points.",
  tag: "Simulations",
  permission: "simulations.run",
  params: orgPath,
  body: scenarioSchema,
  response: SimulationResult,
  handler: async (tx, { org, input }) => {
    const simulation = await simulateForOrganization(tx, org, input.body);
    if (!simulation.ok && simulation.reason === "no_data") throw new ActionFailure("not_found", simulation.message);
    if (!simulation.ok)
      throw new ActionFailure(
        "invalid_input",
        [simulation.message, ...simulation.problems.map((p) => p.message)].join(" "),
      );
    const { result, snapshot } = simulation;
    const base = result.months[0]!;
    const steps = (t: "enterprise" | "smb") => ({
      netCustomerAdds: result.plan.tracks[t].netCustomerAdds,
      points: result.plan.tracks[t].points,
      netAddsNeeded: result.plan.tracks[t].netAddsNeeded,
      newCustomers: result.plan.tracks[t].newCustomers,
      steps: result.plan.tracks[t].steps.map(({ tenantId, name, kind, cost, has, gains }) => ({
        tenantId,
        name,
        kind,
        cost,
        has,
        gains,
      })),
    });
    return {
      body: {
        snapshot,
        months: result.months,
        tenantChanges: result.tenantChanges,
        plan: {
          month: result.plan.month,
          newCustomerAcr: result.plan.newCustomerAcr,
          tracks: { enterprise: steps("enterprise"), smb: steps("smb") },
        },
        bestTrack: base.scenario.bestTrack,
      },
    };
  },
});
