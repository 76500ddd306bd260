/**
 * A SimulationBase from validated rows (the engine's readers' output), summed as the database sums them for the
 * portal (db/queries/simulation-base.ts): per tenant and month the eligible ACR and the ACR passing the service
 * and offer tests without the duplicate flag; per tenant, month and workload the units on eligible association
 * types and on all rows. Used by the tests and by anything that simulates on files.
 */
import type { AzureAmountRow, M365UnitsRow, Month, RuleSet } from "@/lib/scoring";
import { SimulationBaseBuilder, type SimulationBase } from "./base";

export function baseFromRows(
  ruleSet: RuleSet,
  baseMonth: Month,
  azure: Iterable<AzureAmountRow>,
  m365: Iterable<M365UnitsRow>,
): SimulationBase {
  type Entry = { name: string; month: Month } & (
    { k: 0; eligible: bigint; nonDuplicate: bigint } | { k: 1; workload: string | null; eligible: number; all: number }
  );
  const byTenant = new Map<string, Entry[]>();
  const push = (tenantId: string, entry: Entry) => {
    const list = byTenant.get(tenantId);
    if (list) list.push(entry);
    else byTenant.set(tenantId, [entry]);
  };
  for (const row of azure) {
    const counts =
      ruleSet.azureServices.has(row.service) && !(row.offer !== null && ruleSet.excludedOffers.has(row.offer));
    const nonDuplicate = counts && !row.duplicate ? row.acr : 0n;
    const eligible = ruleSet.azureAssociationTypes.has(row.associationType) ? nonDuplicate : 0n;
    push(row.tenantId, { k: 0, name: row.customerName, month: row.month, eligible, nonDuplicate });
  }
  for (const row of m365) {
    const workload = ruleSet.m365Workloads.get(row.workload) ?? null;
    const eligible = workload !== null && ruleSet.m365AssociationTypes.has(row.associationType) ? row.paidUnits : 0;
    push(row.tenantId, {
      k: 1,
      name: row.customerName,
      month: row.month,
      workload,
      eligible,
      all: workload === null ? 0 : row.paidUnits,
    });
  }
  const builder = new SimulationBaseBuilder(ruleSet, baseMonth);
  for (const tenantId of [...byTenant.keys()].sort()) {
    // Azure before M365, as the database sends them (a name from both in one month: M365's wins).
    const entries = byTenant.get(tenantId)!.sort((a, b) => a.k - b.k);
    for (const e of entries) {
      if (e.k === 0) builder.addAzure(tenantId, e.name, e.month, e.eligible, e.nonDuplicate);
      else builder.addM365(tenantId, e.name, e.month, e.workload, e.eligible, e.all);
    }
  }
  return builder.finish();
}
