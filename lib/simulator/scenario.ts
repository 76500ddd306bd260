/**
 * A what-if scenario: changes to the data the engine reads, on top of the latest snapshot's data (issue 16).
 * The zod schema validates a scenario at every boundary (the page's action, a saved scenario read back, the
 * REST API); `scenarioProblems` then checks it against the organisation's data (months in range, tenants that
 * exist, workloads of the chosen rule set). Money is a decimal string in and out, bigint micro-dollars inside.
 */
import { z } from "zod";
import { addMonths, isMonth, parseMicros, findRuleSet, M365_BASES, type M365Basis } from "@/lib/scoring";

/** At most this many changes in one scenario: enough for a plan, small enough to answer fast. */
export const MAX_CHANGES = 200;
/** Months a change may name: the 24 months the latest snapshot reads, and the next three. */
export const MONTHS_BEFORE = 23;
export const MONTHS_AFTER = 3;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A signed amount with at most 6 fractional digits and a size no partner's month reaches ($1 trillion). */
const AMOUNT = /^-?\d{1,12}(\.\d{1,6})?$/;

const tenantId = z
  .string()
  .trim()
  .regex(GUID, "A tenant is its GUID (8-4-4-4-12 hexadecimal digits).")
  .transform((v) => v.toLowerCase());
const month = z.string().refine(isMonth, "Use the form YYYY-MM, e.g. 2026-10.");
const months = z.array(month).min(1, "Choose at least one month.").max(27);
const amount = z
  .string()
  .trim()
  .regex(AMOUNT, "An amount in dollars, e.g. 120.50 or -40 (at most 6 decimals).")
  .refine((v) => parseMicros(v) !== 0n, "An amount other than zero.");
const units = z.number().int("Whole licences only.").min(0, "Licences cannot be negative.").max(10_000_000);
const workload = z.string().trim().min(1, "Choose a workload.").max(200);
const associationType = z.string().trim().min(1, "Choose an association type.").max(100);

/** Add (or, negative, remove) eligible ACR for an existing tenant in each of the chosen months. */
const acrChange = z.object({ kind: z.literal("acr"), tenantId, months, amount });
/** Set one workload's paid licences of an existing tenant in each of the chosen months (replacing the data's). */
const licencesChange = z.object({ kind: z.literal("licences"), tenantId, workload, months, units });
/** A hypothetical customer: eligible Azure spend per month and/or paid licences per workload and month. */
const newCustomerChange = z
  .object({
    kind: z.literal("newCustomer"),
    tenantId,
    name: z.string().trim().min(1, "Name the customer.").max(200),
    azure: z.array(z.object({ month, amount })).max(27).default([]),
    m365: z.array(z.object({ month, workload, units })).max(200).default([]),
  })
  .refine((c) => c.azure.length + c.m365.length > 0, "Give the customer some spend or licences.");
/** Every row of a tenant's source from `fromMonth` on (all of them when absent) gets this association type. */
const associationChange = z.object({
  kind: z.literal("association"),
  tenantId,
  source: z.enum(["azure", "m365"]),
  associationType,
  fromMonth: month.optional(),
});

export const scenarioChangeSchema = z.discriminatedUnion("kind", [
  acrChange,
  licencesChange,
  newCustomerChange,
  associationChange,
]);

export const scenarioSchema = z.object({
  ruleSet: z.string().refine((id) => findRuleSet(id) !== undefined, "Choose a known rule set."),
  m365Basis: z.enum(M365_BASES as [M365Basis, ...M365Basis[]]),
  changes: z.array(scenarioChangeSchema).max(MAX_CHANGES, `At most ${MAX_CHANGES} changes.`),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioChange = z.output<typeof scenarioChangeSchema>;

/** What a scenario is checked against: the base month, the tenants in the data and the rule set's names. */
export interface ScenarioContext {
  baseMonth: string;
  hasTenant: (tenantId: string) => boolean;
  /** The workloads of the scenario's rule set (names its units are summed under). */
  workloads: readonly string[];
  /** Association types a tenant may be moved to. */
  associationTypes: readonly string[];
}

export interface ScenarioProblem {
  /** Index of the change, or null for the scenario as a whole. */
  change: number | null;
  message: string;
}

/** Problems of a valid-shaped scenario against the organisation's data; empty when it can be simulated. */
export function scenarioProblems(scenario: Scenario, context: ScenarioContext): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const first = addMonths(context.baseMonth, -MONTHS_BEFORE);
  const last = addMonths(context.baseMonth, MONTHS_AFTER);
  const range = `${first} … ${last}`;
  const newIds = new Set<string>();
  scenario.changes.forEach((change, i) => {
    const add = (message: string) => problems.push({ change: i, message });
    const checkMonth = (m: string) => {
      if (m < first || m > last) add(`${m} is outside the months a scenario can change (${range}).`);
    };
    const checkWorkload = (w: string) => {
      if (!context.workloads.includes(w)) add(`${w} is not a workload of ${scenario.ruleSet}.`);
    };
    switch (change.kind) {
      case "acr":
      case "licences":
      case "association":
        if (change.kind === "association") {
          // A new customer's rows are eligible by construction: there is no imported row to move.
          if (!context.hasTenant(change.tenantId))
            add(`Tenant ${change.tenantId} has no imported data in the months the snapshot reads.`);

          if (change.fromMonth) checkMonth(change.fromMonth);
          if (!context.associationTypes.includes(change.associationType))
            add(`${change.associationType} is not an association type.`);
        } else {
          if (!context.hasTenant(change.tenantId) && !newIds.has(change.tenantId))
            add(`Tenant ${change.tenantId} has no data in the months the snapshot reads (add it as a new customer).`);
          change.months.forEach(checkMonth);
        }
        if (change.kind === "licences") checkWorkload(change.workload);
        break;
      case "newCustomer":
        if (context.hasTenant(change.tenantId)) add(`Tenant ${change.tenantId} is already a customer in the data.`);
        else if (newIds.has(change.tenantId)) add(`Tenant ${change.tenantId} is added twice.`);
        newIds.add(change.tenantId);
        change.azure.forEach((a) => checkMonth(a.month));
        change.m365.forEach((m) => {
          checkMonth(m.month);
          checkWorkload(m.workload);
        });
        break;
    }
  });
  return problems;
}
