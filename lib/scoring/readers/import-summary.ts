/**
 * The import summary. Rows are tallied by month and by the names that decide whether they count, which keeps the
 * summary small (names × months) and lets `describeImport` answer for any data month and rule set afterwards:
 * "after the data month" depends on --month, and eligibility on the rule set.
 */
import { compareMonths } from "../months";
import type { RuleSet } from "../rules";
import { firstFailure, passes, type AzureReason, type M365Reason, type RowTest } from "../rules/row-tests";
import type { Month } from "../months";
import type { Source } from "../types";

export interface ImportGroup {
  month: Month;
  /** Service (Azure) or workload (M365), canonical. */
  name: string;
  /** Azure only; null when the file has no offer column. */
  offer: string | null;
  associationType: string;
  /** Azure only. */
  duplicate: boolean;
  rows: number;
}

export interface ImportSummary {
  source: Source;
  file: string;
  rowsRead: number;
  /** Azure: false when the file has no offer column (every row's offer is then eligible). */
  offerColumnPresent: boolean;
  groups: ImportGroup[];
}

export class ImportTally {
  private readonly groups = new Map<number | string, ImportGroup>();
  // Names are interned to small numbers so a group's key is one number: cheaper than a string key per row.
  private readonly ids = new Map<string, number>();
  private readonly offerIds = new Map<string | null, number>();
  rowsRead = 0;

  private id(map: Map<string, number>, name: string): number {
    let id = map.get(name);
    if (id === undefined) {
      id = map.size;
      map.set(name, id);
    }
    return id;
  }

  add(month: Month, name: string, offer: string | null, associationType: string, duplicate: boolean): void {
    this.rowsRead++;
    let offerId = this.offerIds.get(offer);
    if (offerId === undefined) {
      offerId = this.offerIds.size;
      this.offerIds.set(offer, offerId);
    }
    const m = this.id(this.ids, month);
    const n = this.id(this.ids, name);
    const a = this.id(this.ids, associationType);
    // A small-integer key while every id stays below 128 (the usual case), then a larger exact number
    // (ids below 4,096), then a string.
    const d = duplicate ? 1 : 0;
    const key: number | string =
      m < 128 && n < 128 && a < 128 && offerId < 128
        ? ((((((m << 7) | n) << 7) | a) << 7) | offerId) * 2 + d
        : m < 4096 && n < 4096 && a < 4096 && offerId < 4096
          ? -((((m * 4096 + n) * 4096 + a) * 4096 + offerId) * 2 + d) - 1
          : `${month}\u0001${name}\u0001${offer}\u0001${associationType}\u0001${duplicate ? 1 : 0}`;
    const group = this.groups.get(key);
    if (group !== undefined) group.rows++;
    else this.groups.set(key, { month, name, offer, associationType, duplicate, rows: 1 });
  }

  summary(source: Source, file: string, offerColumnPresent: boolean): ImportSummary {
    const groups = [...this.groups.values()].sort((a, b) => compareMonths(a.month, b.month));
    return { source, file, rowsRead: this.rowsRead, offerColumnPresent, groups };
  }
}

/** Why a row does not count; each row is counted under the first reason in this order. */
export type NotCountedReason = "afterDataMonth" | AzureReason | M365Reason;

export interface NameCount {
  name: string;
  rows: number;
}

export interface ImportReport {
  source: Source;
  file: string;
  rowsRead: number;
  rowsPerMonth: Record<Month, number>;
  /** Azure: false when the offer column is absent, so every row's offer was treated as eligible. */
  offerColumnPresent: boolean;
  rowsCounted: number;
  rowsNotCounted: Partial<Record<NotCountedReason, number>>;
  /** Names outside the rule set's lists (an empty name included), with their row counts, most rows first. */
  unknownNames: { service?: NameCount[]; workload?: NameCount[]; associationType?: NameCount[] };
}

function sortedCounts(counts: Map<string, number>): NameCount[] {
  return [...counts]
    .map(([name, rows]) => ({ name, rows }))
    .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
}

/** The summary as seen for one data month under one rule set. */
export function describeImport(summary: ImportSummary, ruleSet: RuleSet, month: Month): ImportReport {
  const azure = summary.source === "azure";
  const nameReason: NotCountedReason = azure ? "service" : "workload";
  const tests: readonly RowTest[] = azure ? ruleSet.azureTests : ruleSet.m365Tests;
  const nameTest = tests.find((t) => t.reason === nameReason)!;
  const associationTest = tests.find((t) => t.reason === "associationType")!;
  const rowsPerMonth: Record<Month, number> = {};
  const notCounted: Partial<Record<NotCountedReason, number>> = {};
  const unknownName = new Map<string, number>();
  const unknownAssociation = new Map<string, number>();
  let counted = 0;
  for (const g of summary.groups) {
    rowsPerMonth[g.month] = (rowsPerMonth[g.month] ?? 0) + g.rows;
    // The group as a row of its source, for the rule set's row tests (the engine's, in the engine's order).
    const row = azure
      ? { service: g.name, offer: g.offer, associationType: g.associationType, duplicate: g.duplicate }
      : { workload: g.name, associationType: g.associationType };
    if (!passes(nameTest, row[nameReason as keyof typeof row]))
      unknownName.set(g.name, (unknownName.get(g.name) ?? 0) + g.rows);
    if (!passes(associationTest, g.associationType))
      unknownAssociation.set(g.associationType, (unknownAssociation.get(g.associationType) ?? 0) + g.rows);
    let reason: NotCountedReason | null = null;
    if (compareMonths(g.month, month) > 0) reason = "afterDataMonth";
    else {
      const failed = firstFailure(tests, row);
      if (failed >= 0) reason = tests[failed]!.reason as NotCountedReason;
    }
    if (reason === null) counted += g.rows;
    else notCounted[reason] = (notCounted[reason] ?? 0) + g.rows;
  }
  const unknownNames: ImportReport["unknownNames"] = {
    [nameReason]: sortedCounts(unknownName),
    associationType: sortedCounts(unknownAssociation),
  };
  return {
    source: summary.source,
    file: summary.file,
    rowsRead: summary.rowsRead,
    rowsPerMonth,
    offerColumnPresent: summary.offerColumnPresent,
    rowsCounted: counted,
    rowsNotCounted: notCounted,
    unknownNames,
  };
}
