/**
 * How a row is classified under a rule set: the tests a row must pass to count, in the order they are checked.
 * The first test a row fails is the one reason it does not count (docs/decisions.md, "One reason per row").
 * Written once, here. The engine (`Aggregates`), the import summary and the SQL the recompute runs
 * (`totals-sql.ts`) are all derived from these lists, so a new test or another order is one edit, and a rule
 * set only supplies the names each test looks up.
 */

/** Why an Azure row does not count, in the order the tests run (also the order of the stored figures). */
export const AZURE_REASONS = ["service", "offer", "associationType", "duplicate"] as const;
/** Why an M365 row does not count, in the order the tests run. */
export const M365_REASONS = ["workload", "associationType"] as const;
export type AzureReason = (typeof AZURE_REASONS)[number];
export type M365Reason = (typeof M365_REASONS)[number];

/**
 * One test. `field` is the property of the engine's row, `column` the stored column holding the same value.
 * - `listed`: counts only when the value is one of `names`;
 * - `grouped`: as listed, and the value counts for its group (M365 workload names -> the workload they add to);
 * - `not-listed`: counts unless the value is one of `names` (no value at all counts);
 * - `flag-unset`: counts unless the flag is set.
 */
export type RowTest<Reason extends string = string> = { reason: Reason; field: string; column: string } & (
  | { kind: "listed"; names: ReadonlySet<string> }
  | { kind: "grouped"; groups: ReadonlyMap<string, string> }
  | { kind: "not-listed"; names: ReadonlySet<string> }
  | { kind: "flag-unset" }
);

/** The canonical lists of a compiled rule set that the tests read. */
export interface RowTestLists {
  azureServices: ReadonlySet<string>;
  excludedOffers: ReadonlySet<string>;
  azureAssociationTypes: ReadonlySet<string>;
  m365Workloads: ReadonlyMap<string, string>;
  m365AssociationTypes: ReadonlySet<string>;
}

type Spec<R extends string> = Record<R, (lists: RowTestLists) => Omit<RowTest<R>, "reason">>;

const AZURE: Spec<AzureReason> = {
  service: (l) => ({ field: "service", column: "service", kind: "listed", names: l.azureServices }),
  offer: (l) => ({ field: "offer", column: "offer", kind: "not-listed", names: l.excludedOffers }),
  associationType: (l) => ({
    field: "associationType",
    column: "association_type",
    kind: "listed",
    names: l.azureAssociationTypes,
  }),
  duplicate: () => ({ field: "duplicate", column: "duplicate", kind: "flag-unset" }),
};

const M365: Spec<M365Reason> = {
  workload: (l) => ({ field: "workload", column: "workload", kind: "grouped", groups: l.m365Workloads }),
  associationType: (l) => ({
    field: "associationType",
    column: "association_type",
    kind: "listed",
    names: l.m365AssociationTypes,
  }),
};

export function azureRowTests(lists: RowTestLists): RowTest<AzureReason>[] {
  return AZURE_REASONS.map((reason) => ({ reason, ...AZURE[reason](lists) }) as RowTest<AzureReason>);
}

export function m365RowTests(lists: RowTestLists): RowTest<M365Reason>[] {
  return M365_REASONS.map((reason) => ({ reason, ...M365[reason](lists) }) as RowTest<M365Reason>);
}

/** Whether a value passes one test. */
export function passes(test: RowTest, value: unknown): boolean {
  switch (test.kind) {
    case "listed":
      return test.names.has(value as string);
    case "grouped":
      return test.groups.has(value as string);
    case "not-listed":
      return value === null || value === undefined || !test.names.has(value as string);
    case "flag-unset":
      return value !== true;
  }
}

/** The index of the first test `row` fails (its reason), or -1 when it counts. */
export function firstFailure(tests: readonly RowTest[], row: object): number {
  for (let i = 0; i < tests.length; i++) {
    const test = tests[i]!;
    if (!passes(test, (row as Record<string, unknown>)[test.field])) return i;
  }
  return -1;
}
