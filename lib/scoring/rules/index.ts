/**
 * The registry of rule sets and their compiled form. Adding a rule set: a new data file, one line here.
 */
import { parseMicros, type Micros } from "../money";
import { NameTable, type NameKind } from "../names";
import type { RuleSetData } from "./rule-set";
import { security2025 } from "./security-2025";
import { security2026 } from "./security-2026";

export type { RuleSetData } from "./rule-set";

export const RULE_SETS: readonly RuleSetData[] = [security2025, security2026];
export const DEFAULT_RULE_SET_ID = "security-2025";
export const RULE_SET_IDS: readonly string[] = RULE_SETS.map((r) => r.id);

/** Every name any rule set knows, so readers report "key-vault" as "Key Vault". */
export const NAMES = new NameTable({
  service: RULE_SETS.flatMap((r) => r.azure.services),
  workload: RULE_SETS.flatMap((r) => Object.keys(r.m365.workloads)),
  associationType: RULE_SETS.flatMap((r) => [...r.azure.associationTypes, ...r.m365.associationTypes]),
  offer: RULE_SETS.flatMap((r) => r.excludedOffers),
});

/** A rule set ready for the engine: name lists as sets of canonical names, the threshold in micro-dollars. */
export interface RuleSet {
  data: RuleSetData;
  id: string;
  minimumEligibleAcr: Micros;
  azureServices: ReadonlySet<string>;
  azureAssociationTypes: ReadonlySet<string>;
  excludedOffers: ReadonlySet<string>;
  /** Canonical workload name -> workload it counts for. */
  m365Workloads: ReadonlyMap<string, string>;
  m365AssociationTypes: ReadonlySet<string>;
}

function canonicalSet(kind: NameKind, names: readonly string[]): Set<string> {
  return new Set(names.map((name) => NAMES.canonical(kind, name)));
}

export function compileRuleSet(data: RuleSetData): RuleSet {
  const minimum = parseMicros(data.azure.minimumEligibleAcr);
  if (minimum === null) throw new Error(`rule set ${data.id}: bad minimumEligibleAcr`);
  return {
    data,
    id: data.id,
    minimumEligibleAcr: minimum,
    azureServices: canonicalSet("service", data.azure.services),
    azureAssociationTypes: canonicalSet("associationType", data.azure.associationTypes),
    excludedOffers: canonicalSet("offer", data.excludedOffers),
    m365Workloads: new Map(
      Object.entries(data.m365.workloads).map(([name, workload]) => [NAMES.canonical("workload", name), workload]),
    ),
    m365AssociationTypes: canonicalSet("associationType", data.m365.associationTypes),
  };
}

const compiled = new Map(RULE_SETS.map((data) => [data.id, compileRuleSet(data)]));

/** The compiled rule set with this id, or undefined. */
export function findRuleSet(id: string): RuleSet | undefined {
  return compiled.get(id);
}

export function getRuleSet(id: string = DEFAULT_RULE_SET_ID): RuleSet {
  const ruleSet = compiled.get(id);
  if (ruleSet === undefined) throw new Error(`unknown rule set: ${id}`);
  return ruleSet;
}
