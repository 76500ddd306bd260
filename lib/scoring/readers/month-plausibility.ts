/**
 * Months an import should not take without asking. The engine accepts any real date, so one mistyped row
 * (5/1/2099) would make the data run to 2099: snapshots for every month up to it and the dashboard moved there.
 * Such a file waits for the user's confirmation, with these reasons, like a file that replaces months.
 */
import { monthIndex, monthOfDate, type Month } from "../months";

/** A latest month more than this far (two years) after the month before it looks like a typo rather than data. */
export const MAX_GAP_MONTHS = 24;

export interface MonthFacts {
  /** The file's months (any order). */
  months: readonly Month[];
  /** The import's data month as chosen on upload, or null. */
  dataMonth: Month | null;
  /** The first line holding each month, to point the user at the row. */
  firstLine: ReadonlyMap<Month, number>;
  today: Date;
}

export function implausibleMonths({ months, dataMonth, firstLine, today }: MonthFacts): string[] {
  const reasons: string[] = [];
  const current = monthOfDate(today);
  const sorted = [...new Set(months)].sort();
  const latest = sorted[sorted.length - 1];
  const at = (month: Month) => (firstLine.has(month) ? ` (line ${firstLine.get(month)})` : "");
  if (latest !== undefined && monthIndex(latest) > monthIndex(current) + 1)
    reasons.push(
      `The file has data for ${latest}${at(latest)}, more than a month after this month (${current}). Snapshots would be made up to ${latest}; check the dates in the file.`,
    );
  if (dataMonth !== null && monthIndex(dataMonth) > monthIndex(current) + 1)
    reasons.push(`The data month chosen on upload, ${dataMonth}, is more than a month after this month (${current}).`);
  const previous = sorted[sorted.length - 2];
  if (latest !== undefined && previous !== undefined) {
    const gap = monthIndex(latest) - monthIndex(previous);
    if (gap > MAX_GAP_MONTHS)
      reasons.push(
        `The file's latest month, ${latest}${at(latest)}, is ${gap} months after the rest of the file, which ends at ${previous}. Check that row's date.`,
      );
  }
  return reasons;
}
