/**
 * A scenario written as rows of the two exports: what a person would have to import for the engine to see the
 * scenario's data. The simulator never uses it; its tests do, to check the simulator against the engine run on
 * files with the same changes (simulate.property.test.ts). The rules (scenario.ts, tenant-data.ts):
 * association moves rewrite the imported rows first; then, in order, a new customer or added ACR appends
 * eligible rows, and a licence count replaces the workload's rows of that tenant and month with one row.
 */
import { addMonths, type AzureRow, type M365Row, type RuleSet } from "@/lib/scoring";
import type { Scenario } from "./scenario";
import { amountMicros } from "./simulate";

/** Eligible in every shipped rule set. */
const ELIGIBLE_SERVICE = "Key Vault";
const AZURE_ASSOCIATION = "PAL";
const M365_ASSOCIATION = "CPOR";

export function scenarioRows(
  rows: { azure: readonly AzureRow[]; m365: readonly M365Row[] },
  scenario: Scenario,
  ruleSet: RuleSet,
): { azure: AzureRow[]; m365: M365Row[] } {
  const azure = rows.azure.map((r) => ({ ...r }));
  let m365 = rows.m365.map((r) => ({ ...r }));
  for (const change of scenario.changes) {
    if (change.kind !== "association") continue;
    const from = change.fromMonth ?? "0000-01";
    for (const row of change.source === "azure" ? azure : m365)
      if (row.tenantId === change.tenantId && row.month >= from) row.associationType = change.associationType;
  }
  const acrRow = (tenantId: string, name: string, month: string, amount: string): AzureRow => ({
    tenantId,
    customerName: name,
    month,
    service: ELIGIBLE_SERVICE,
    offer: null,
    associationType: AZURE_ASSOCIATION,
    acr: amountMicros(amount),
    duplicate: false,
    line: 0,
  });
  const unitsRow = (tenantId: string, name: string, month: string, workload: string, units: number): M365Row => ({
    tenantId,
    customerName: name,
    month,
    workload,
    associationType: M365_ASSOCIATION,
    paidUnits: units,
    monthlyActiveUsers: null,
    line: 0,
  });
  for (const change of scenario.changes) {
    switch (change.kind) {
      case "newCustomer":
        for (const a of change.azure) azure.push(acrRow(change.tenantId, change.name, a.month, a.amount));
        for (const m of change.m365) m365.push(unitsRow(change.tenantId, change.name, m.month, m.workload, m.units));
        break;
      case "acr":
        for (const month of change.months) azure.push(acrRow(change.tenantId, "", month, change.amount));
        break;
      case "licences":
        for (const month of change.months) {
          m365 = m365.filter(
            (r) =>
              !(
                r.tenantId === change.tenantId &&
                r.month === month &&
                ruleSet.m365Workloads.get(r.workload) === change.workload
              ),
          );
          m365.push(unitsRow(change.tenantId, "", month, change.workload, change.units));
        }
        break;
      case "association":
        break;
    }
  }
  return { azure, m365 };
}

/** The months a base of `month` reads: rows outside them are not part of the simulator's data. */
export function baseRows<R extends { month: string }>(rows: readonly R[], month: string): R[] {
  const from = addMonths(month, -23);
  return rows.filter((r) => r.month >= from && r.month <= month);
}
