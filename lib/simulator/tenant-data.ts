/**
 * One tenant's data as the simulator changes it: per month, the Azure amounts and per workload the M365 units,
 * each as what counts now (`eligible`) and what would count if the tenant's association type were eligible
 * (`nonDuplicate` / `all`). Those two figures are all an association move needs: rows failing the service or
 * offer test never count, a duplicate never counts, and the association type is the only other test (SPEC §2).
 */
import type { Micros, Month, RuleSet, TenantAggregate } from "@/lib/scoring";
import { monthIndex } from "@/lib/scoring";
import type { ScenarioChange } from "./scenario";

export interface AzureCell {
  eligible: Micros;
  /** ACR of rows passing the service and offer tests and not flagged duplicate, whatever their association. */
  nonDuplicate: Micros;
}
export interface M365Cell {
  eligible: number;
  /** Units of the workload's rows whatever their association. */
  all: number;
}

export interface TenantData {
  tenantId: string;
  name: string;
  /** Month index -> amounts. */
  azure: Map<number, AzureCell>;
  /** Month index -> workload -> units. */
  m365: Map<number, Map<string, M365Cell>>;
}

export function emptyTenant(tenantId: string, name: string): TenantData {
  return { tenantId, name, azure: new Map(), m365: new Map() };
}

/** The engine's view of the tenant: eligible ACR per month, eligible units per workload and month. */
export function toAggregate(data: TenantData): TenantAggregate {
  const azure = new Map<number, { eligible: Micros; excluded: null }>();
  for (const [month, cell] of data.azure) azure.set(month, { eligible: cell.eligible, excluded: null });
  const m365 = new Map<number, { units: Map<string, number>; excluded: null }>();
  for (const [month, cells] of data.m365) {
    const units = new Map<string, number>();
    for (const [workload, cell] of cells) units.set(workload, cell.eligible);
    m365.set(month, { units, excluded: null });
  }
  return { tenantId: data.tenantId, name: data.name, nameMonth: -1, azure, m365 };
}

function cloneTenant(data: TenantData): TenantData {
  const azure = new Map<number, AzureCell>();
  for (const [m, c] of data.azure) azure.set(m, { ...c });
  const m365 = new Map<number, Map<string, M365Cell>>();
  for (const [m, cells] of data.m365) m365.set(m, new Map([...cells].map(([w, c]) => [w, { ...c }])));
  return { tenantId: data.tenantId, name: data.name, azure, m365 };
}

function addAcr(data: TenantData, month: number, amount: Micros) {
  const cell = data.azure.get(month);
  if (cell) {
    cell.eligible += amount;
    cell.nonDuplicate += amount;
  } else data.azure.set(month, { eligible: amount, nonDuplicate: amount });
}

function cellsOf(data: TenantData, month: number): Map<string, M365Cell> {
  let cells = data.m365.get(month);
  if (!cells) data.m365.set(month, (cells = new Map()));
  return cells;
}

/**
 * The tenant after the scenario's changes that name it: association moves first (they rewrite the imported
 * rows), then the other changes in their order (added rows; a licence count replaces the workload's rows of
 * that month). `base` is null for a new customer. The scenario must have passed scenarioProblems.
 */
export function applyChanges(
  base: TenantData | null,
  tenantId: string,
  changes: readonly ScenarioChange[],
  ruleSet: RuleSet,
  parseAmount: (text: string) => Micros,
): TenantData {
  const data = base ? cloneTenant(base) : emptyTenant(tenantId, "");
  for (const change of changes) {
    if (change.kind !== "association") continue;
    const from = change.fromMonth ? monthIndex(change.fromMonth) : -Infinity;
    if (change.source === "azure") {
      const eligible = ruleSet.azureAssociationTypes.has(change.associationType);
      for (const [month, cell] of data.azure) if (month >= from) cell.eligible = eligible ? cell.nonDuplicate : 0n;
    } else {
      const eligible = ruleSet.m365AssociationTypes.has(change.associationType);
      for (const [month, cells] of data.m365)
        if (month >= from) for (const cell of cells.values()) cell.eligible = eligible ? cell.all : 0;
    }
  }
  for (const change of changes) {
    switch (change.kind) {
      case "newCustomer":
        data.name = change.name;
        for (const a of change.azure) addAcr(data, monthIndex(a.month), parseAmount(a.amount));
        for (const m of change.m365) {
          const cells = cellsOf(data, monthIndex(m.month));
          const cell = cells.get(m.workload);
          if (cell) {
            cell.eligible += m.units;
            cell.all += m.units;
          } else cells.set(m.workload, { eligible: m.units, all: m.units });
        }
        break;
      case "acr":
        for (const month of change.months) addAcr(data, monthIndex(month), parseAmount(change.amount));
        break;
      case "licences":
        for (const month of change.months)
          cellsOf(data, monthIndex(month)).set(change.workload, { eligible: change.units, all: change.units });
        break;
      case "association":
        break;
    }
  }
  return data;
}

/** The eligible units of `workload` in the latest month ≤ `through` that has the workload (0 when none). */
export function latestUnits(data: TenantData, workload: string, through: number): number {
  let best = -1;
  let units = 0;
  for (const [month, cells] of data.m365) {
    const cell = cells.get(workload);
    if (cell && month <= through && month > best) {
      best = month;
      units = cell.eligible;
    }
  }
  return units;
}

export type { Month };
