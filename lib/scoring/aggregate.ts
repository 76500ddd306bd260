/**
 * Folds rows into per tenant × month totals while streaming, so memory grows with tenant-months, not rows:
 * Azure eligible ACR and excluded amounts by reason (bigint micro-dollars), M365 paid units per eligible
 * workload. Aggregation is additive: feeding pre-summed rows (e.g. from a database GROUP BY) gives the same result.
 */
import type { Micros } from "./money";
import { monthIndex, type Month } from "./months";
import type { RuleSet } from "./rules";
import { AZURE_REASONS, M365_REASONS, firstFailure, type AzureReason, type M365Reason } from "./rules/row-tests";
import type { AzureRow, M365Row } from "./types";

/** Azure amounts that did not count, by the first test they failed (rules/row-tests.ts). */
export type ExcludedAmounts = Record<AzureReason, Micros>;

export interface AzureMonthTotals {
  eligible: Micros;
  /** null until some amount of this tenant-month is excluded. */
  excluded: ExcludedAmounts | null;
}

/** M365 paid units that did not count, by the first test they failed. */
export type ExcludedUnits = Record<M365Reason, number>;

export interface M365MonthTotals {
  /** Workload (as the rule set groups names) -> paid units on eligible rows. */
  units: Map<string, number>;
  excluded: ExcludedUnits | null;
}

export interface TenantAggregate {
  tenantId: string;
  /** Customer name from the latest month that had one. */
  name: string;
  /** Month index the name was taken from. */
  nameMonth: number;
  azure: Map<number, AzureMonthTotals>;
  m365: Map<number, M365MonthTotals>;
}

export type AzureAmountRow = Pick<
  AzureRow,
  "tenantId" | "customerName" | "month" | "service" | "offer" | "associationType" | "acr" | "duplicate"
>;
export type M365UnitsRow = Pick<
  M365Row,
  "tenantId" | "customerName" | "month" | "workload" | "associationType" | "paidUnits"
>;

export class Aggregates {
  readonly tenants = new Map<string, TenantAggregate>();
  private readonly monthIndexes = new Map<Month, number>();

  constructor(readonly ruleSet: RuleSet) {}

  private tenant(tenantId: string, name: string, month: number): TenantAggregate {
    let tenant = this.tenants.get(tenantId);
    if (tenant === undefined) {
      tenant = { tenantId, name: "", nameMonth: -1, azure: new Map(), m365: new Map() };
      this.tenants.set(tenantId, tenant);
    }
    if (name !== "" && month >= tenant.nameMonth) {
      tenant.name = name;
      tenant.nameMonth = month;
    }
    return tenant;
  }

  private index(month: Month): number {
    let index = this.monthIndexes.get(month);
    if (index === undefined) {
      index = monthIndex(month);
      this.monthIndexes.set(month, index);
    }
    return index;
  }

  addAzureRow(row: AzureAmountRow): void {
    const rules = this.ruleSet;
    const month = this.index(row.month);
    const tenant = this.tenant(row.tenantId, row.customerName, month);
    let totals = tenant.azure.get(month);
    if (totals === undefined) {
      totals = { eligible: 0n, excluded: null };
      tenant.azure.set(month, totals);
    }
    const failed = firstFailure(rules.azureTests, row);
    if (failed < 0) {
      totals.eligible += row.acr;
      return;
    }
    totals.excluded ??= noAmounts();
    totals.excluded[AZURE_REASONS[failed]!] += row.acr;
  }

  addM365Row(row: M365UnitsRow): void {
    const rules = this.ruleSet;
    const month = this.index(row.month);
    const tenant = this.tenant(row.tenantId, row.customerName, month);
    let totals = tenant.m365.get(month);
    if (totals === undefined) {
      totals = { units: new Map(), excluded: null };
      tenant.m365.set(month, totals);
    }
    const failed = firstFailure(rules.m365Tests, row);
    if (failed < 0) {
      // Passed every test, so the workload name is one of the rule set's: its units add to its workload.
      const workload = rules.m365Workloads.get(row.workload)!;
      totals.units.set(workload, (totals.units.get(workload) ?? 0) + row.paidUnits);
      return;
    }
    totals.excluded ??= noUnits();
    totals.excluded[M365_REASONS[failed]!] += row.paidUnits;
  }

  /**
   * Totals already classified by reason (a database GROUP BY tenant and month with the rule set's lists): the
   * same as feeding the rows one by one. `excluded` is null when no row of the tenant-month was excluded.
   */
  addAzureTotals(
    tenantId: string,
    name: string,
    month: Month,
    eligible: Micros,
    excluded: ExcludedAmounts | null,
  ): void {
    const index = this.index(month);
    const tenant = this.tenant(tenantId, name, index);
    let totals = tenant.azure.get(index);
    if (totals === undefined) {
      totals = { eligible: 0n, excluded: null };
      tenant.azure.set(index, totals);
    }
    totals.eligible += eligible;
    if (excluded !== null) {
      totals.excluded ??= noAmounts();
      for (const reason of AZURE_REASONS) totals.excluded[reason] += excluded[reason];
    }
  }

  /**
   * One workload's eligible units of a tenant-month (`workload` and `units` null when the rows hold none), and
   * its excluded units (null when none were excluded), as addAzureTotals.
   */
  addM365Totals(
    tenantId: string,
    name: string,
    month: Month,
    workload: string | null,
    units: number | null,
    excluded: ExcludedUnits | null,
  ): void {
    const index = this.index(month);
    const tenant = this.tenant(tenantId, name, index);
    let totals = tenant.m365.get(index);
    if (totals === undefined) {
      totals = { units: new Map(), excluded: null };
      tenant.m365.set(index, totals);
    }
    if (workload !== null && units !== null) totals.units.set(workload, (totals.units.get(workload) ?? 0) + units);
    if (excluded !== null) {
      totals.excluded ??= noUnits();
      for (const reason of M365_REASONS) totals.excluded[reason] += excluded[reason];
    }
  }
}

const NO_AMOUNTS = Object.freeze(Object.fromEntries(AZURE_REASONS.map((r) => [r, 0n])) as ExcludedAmounts);
const NO_UNITS = Object.freeze(Object.fromEntries(M365_REASONS.map((r) => [r, 0])) as ExcludedUnits);
/** Zero for every reason, as a new object (a spread of a frozen one: this runs per tenant-month). */
export const noAmounts = (): ExcludedAmounts => ({ ...NO_AMOUNTS });
export const noUnits = (): ExcludedUnits => ({ ...NO_UNITS });
