/**
 * The registry of rule sets and their compiled form. Adding a rule set: a new data file, one line in SHIPPED.
 * `registerRuleSet` is how every rule set gets in, the shipped ones included, so a rule set registered elsewhere
 * (a test defines its own) reaches every consumer: the CLI's `--rules`, the recompute and its SQL, the pages.
 */
import { parseMicros, type Micros } from "../money";
import { NameTable, type NameKind } from "../names";
import type { RuleSetData } from "./rule-set";
import { azureRowTests, m365RowTests, type AzureReason, type M365Reason, type RowTest } from "./row-tests";
import { security2025 } from "./security-2025";
import { security2026 } from "./security-2026";

export type { RuleSetData } from "./rule-set";

/** The rule sets the portal ships, in the order the settings offer them. */
const SHIPPED: readonly RuleSetData[] = [security2025, security2026];
export const DEFAULT_RULE_SET_ID = "security-2025";

/** Every name any rule set knows, so readers report "key-vault" as "Key Vault". */
export const NAMES = new NameTable();

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
  /** The tests a row must pass to count, in order, over the lists above (row-tests.ts). */
  azureTests: readonly RowTest<AzureReason>[];
  m365Tests: readonly RowTest<M365Reason>[];
}

function canonicalSet(kind: NameKind, names: readonly string[]): Set<string> {
  return new Set(names.map((name) => NAMES.canonical(kind, name)));
}

function check(data: RuleSetData): void {
  const bad = (what: string) => new Error(`rule set ${data.id}: ${what}`);
  const { windowMonths } = data;
  const { smbMinUnits, smbMaxUnits } = data.m365;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(data.id)) throw bad("the id must be lower-case words joined by dashes");
  if (!Number.isInteger(windowMonths) || windowMonths < 1 || windowMonths > 60) throw bad("bad windowMonths");
  if (!Number.isInteger(smbMinUnits) || !Number.isInteger(smbMaxUnits) || smbMinUnits < 1 || smbMaxUnits < smbMinUnits)
    throw bad("the SMB range must be whole units, 1 ≤ smbMinUnits ≤ smbMaxUnits");
  const { enterprise, smb, maximum } = data.points;
  if (![enterprise, smb, maximum].every((n) => Number.isInteger(n) && n > 0)) throw bad("bad points");
}

export function compileRuleSet(data: RuleSetData): RuleSet {
  check(data);
  const minimum = parseMicros(data.azure.minimumEligibleAcr);
  if (minimum === null) throw new Error(`rule set ${data.id}: bad minimumEligibleAcr`);
  const lists = {
    azureServices: canonicalSet("service", data.azure.services),
    azureAssociationTypes: canonicalSet("associationType", data.azure.associationTypes),
    excludedOffers: canonicalSet("offer", data.excludedOffers),
    m365Workloads: new Map(
      Object.entries(data.m365.workloads).map(([name, workload]) => [NAMES.canonical("workload", name), workload]),
    ),
    m365AssociationTypes: canonicalSet("associationType", data.m365.associationTypes),
  };
  return {
    data,
    id: data.id,
    minimumEligibleAcr: minimum,
    ...lists,
    azureTests: azureRowTests(lists),
    m365Tests: m365RowTests(lists),
  };
}

const registry = new Map<string, RuleSet>();

/**
 * Adds a rule set: its names join the name table (so readers spell them as it does), and from then on every
 * consumer finds it by id. An id is registered once.
 */
export function registerRuleSet(data: RuleSetData): RuleSet {
  if (registry.has(data.id)) throw new Error(`rule set ${data.id} is already registered`);
  NAMES.learn({
    service: data.azure.services,
    workload: Object.keys(data.m365.workloads),
    associationType: [...data.azure.associationTypes, ...data.m365.associationTypes],
    offer: data.excludedOffers,
  });
  const ruleSet = compileRuleSet(data);
  registry.set(data.id, ruleSet);
  return ruleSet;
}

// In this order: where two rule sets spell one name differently, the first one's spelling is the canonical one.
for (const data of SHIPPED) registerRuleSet(data);

/** The data of every registered rule set, the shipped ones first. */
export function listRuleSets(): RuleSetData[] {
  return [...registry.values()].map((r) => r.data);
}

export function ruleSetIds(): string[] {
  return [...registry.keys()];
}

/** The compiled rule set with this id, or undefined. */
export function findRuleSet(id: string): RuleSet | undefined {
  return registry.get(id);
}

export function getRuleSet(id: string = DEFAULT_RULE_SET_ID): RuleSet {
  const ruleSet = registry.get(id);
  if (ruleSet === undefined) throw new Error(`unknown rule set: ${id}`);
  return ruleSet;
}
