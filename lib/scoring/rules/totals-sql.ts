/**
 * The SQL the recompute runs to classify and sum an organisation's stored rows, generated from a compiled rule
 * set's row tests (row-tests.ts): the same tests, in the same order, with the same lists as
 * `Aggregates.addAzureRow` / `addM365Row`. Pure text and parameters; the database layer only executes it
 * (db/queries/snapshot-totals.ts), and `addTotalsRow` folds its rows back into the engine's Aggregates, so the
 * layout of the result is known in this one file.
 *
 * One row per tenant × month (× M365 workload, the group a workload name adds to), ordered by tenant (as a uuid:
 * the order of its lower-case text, which is how the engine sorts tenant ids), each tenant's Azure rows (k = 0)
 * before its M365 rows (k = 1), as the CLI reads its files (a customer name from both in one month: M365's wins).
 * Columns: t tenant, k source, m month, n the largest non-empty customer name, w the group (null: none, or failed
 * the grouping test), v0 the amount that counts, v1 … the amounts excluded by each test in order (reason i+1).
 */
import { noAmounts, noUnits, type Aggregates, type ExcludedAmounts, type ExcludedUnits } from "../aggregate";
import type { RuleSet } from "./index";
import { AZURE_REASONS, M365_REASONS, type RowTest } from "./row-tests";

/** SQL text with `$1`, `$2` … placeholders and their values (texts, text arrays, uuid arrays). */
export interface SqlText {
  text: string;
  params: unknown[];
}

interface Source {
  k: number;
  table: string;
  /** The summed column. */
  amount: string;
  tests: readonly RowTest[];
  revisions: readonly string[];
}

/** The widest source's value columns: v0 plus one per reason. */
const VALUES = 1 + Math.max(AZURE_REASONS.length, M365_REASONS.length);

/** The totals of the stored rows of these revisions (active, chosen by the caller) under `ruleSet`. */
export function recomputeTotalsSql(ruleSet: RuleSet, revisions: { azure: string[]; m365: string[] }): SqlText {
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const sources: Source[] = [
    { k: 0, table: "azure_usage", amount: "acr_micros", tests: ruleSet.azureTests, revisions: revisions.azure },
    { k: 1, table: "m365_licences", amount: "paid_units", tests: ruleSet.m365Tests, revisions: revisions.m365 },
  ];
  const parts = sources
    .filter((s) => s.revisions.length > 0)
    .map((s) => {
      const grouped = s.tests.find((t) => t.kind === "grouped");
      let join = "";
      const failures = s.tests.map((t) => {
        const column = `s.${t.column}`;
        switch (t.kind) {
          case "listed":
            return `not ${column} = any(${param([...t.names], "text[]")})`;
          case "not-listed":
            return `${column} is not null and ${column} = any(${param([...t.names], "text[]")})`;
          case "flag-unset":
            return column;
          case "grouped":
            join = ` left join unnest(${param([...t.groups.keys()], "text[]")}, ${param([...t.groups.values()], "text[]")}) as g(name, grp) on g.name = ${column}`;
            return "g.grp is null";
        }
      });
      const reason = `case ${failures.map((f, i) => `when ${f} then ${i + 1}`).join(" ")} else 0 end`;
      const values = Array.from({ length: VALUES }, (_, i) =>
        i <= s.tests.length ? `sum(amount) filter (where reason = ${i})::text as v${i}` : `null::text as v${i}`,
      );
      return `
    select tenant_id, ${s.k} as k, month, max(customer_name) filter (where customer_name <> '') as n,
           ${grouped ? "w" : "null::text as w"}, ${values.join(", ")}
      from (select s.tenant_id, s.month, s.customer_name, s.${s.amount} as amount${grouped ? ", g.grp as w" : ""},
                   ${reason} as reason
              from ${s.table} s${join}
             where s.revision_id = any(${param([...s.revisions], "uuid[]")})) r
     group by tenant_id, month${grouped ? ", w" : ""}`;
    });
  if (parts.length === 0) return { text: "select null where false", params };
  const columns = Array.from({ length: VALUES }, (_, i) => `x.v${i}`).join(", ");
  return {
    text: `
    select x.tenant_id::text as t, x.k::text as k, x.month as m, x.n, x.w, ${columns}
      from (${parts.join(" union all ")}) x
     order by x.tenant_id, x.k`,
    params,
  };
}

/** A result row's values in the query's column order (text, or null). */
export type TotalsRow = readonly (string | null)[];

const micros = (value: string | null | undefined): bigint => (value == null ? 0n : BigInt(value));
const units = (value: string | null | undefined): number => (value == null ? 0 : Number(value));

/** Adds one row of the query's result to `aggregates` (its tenant is `row[0]`). */
export function addTotalsRow(aggregates: Aggregates, row: TotalsRow): void {
  const [t, k, m, n, w] = row;
  if (k === "0") {
    let excluded: ExcludedAmounts | null = null;
    for (let i = 0; i < AZURE_REASONS.length; i++) {
      const v = row[6 + i];
      if (v === null) continue;
      excluded ??= noAmounts();
      excluded[AZURE_REASONS[i]!] = micros(v);
    }
    aggregates.addAzureTotals(t!, n ?? "", m!, micros(row[5]), excluded);
  } else {
    let excluded: ExcludedUnits | null = null;
    for (let i = 0; i < M365_REASONS.length; i++) {
      const v = row[6 + i];
      if (v === null) continue;
      excluded ??= noUnits();
      excluded[M365_REASONS[i]!] = units(v);
    }
    const eligible = row[5] == null ? null : Number(row[5]);
    aggregates.addM365Totals(t!, n ?? "", m!, eligible === null ? null : w!, eligible, excluded);
  }
}
