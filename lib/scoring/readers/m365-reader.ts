/** Reader for the Microsoft 365 licence export (SPEC §3, "Microsoft 365 licenses"). */
import { NAMES } from "../rules";
import type { M365Row } from "../types";
import type { ReadOptions } from "./azure-reader";
import { readCsvRecords, type CsvInput } from "./csv-records";
import { ErrorList } from "./errors";
import { M365_COLUMNS, WRONG_SOURCE } from "./columns";
import { ImportTally } from "./import-summary";
import { tenantMonthParser } from "./tenant-month";
import type { ReadResult } from "./read-result";
import { countInRange, MAX_ACTIVE_USERS, MAX_UNITS, MESSAGES, parseCount, shown, textCellsClean } from "./values";

export { M365_COLUMNS };

export async function readM365Licenses(input: CsvInput, options: ReadOptions<M365Row>): Promise<ReadResult> {
  const errors = new ErrorList(options.file);
  const tally = new ImportTally();
  const onRow = options.onRow;
  const tenantMonth = tenantMonthParser(errors);
  let textColumns: number[] | undefined;

  await readCsvRecords(
    input,
    M365_COLUMNS,
    errors,
    (fields, line, { index, written }) => {
      const { tenantId, month } = tenantMonth(fields, line, { index, written });
      const unitsRaw = fields[index.paidUnits].trim();
      let paidUnits = parseCount(unitsRaw);
      if (paidUnits === null) errors.add(line, written[index.paidUnits], MESSAGES.count(shown(unitsRaw)));
      else if (!countInRange(paidUnits, MAX_UNITS)) {
        errors.add(line, written[index.paidUnits], MESSAGES.countRange(shown(unitsRaw), MAX_UNITS));
        paidUnits = null;
      }
      let monthlyActiveUsers: number | null = null;
      let mauOk = true;
      if (index.monthlyActiveUsers !== -1) {
        const mauRaw = fields[index.monthlyActiveUsers].trim();
        if (mauRaw !== "") {
          monthlyActiveUsers = parseCount(mauRaw);
          if (monthlyActiveUsers === null) {
            mauOk = false;
            errors.add(line, written[index.monthlyActiveUsers], MESSAGES.count(shown(mauRaw)));
          } else if (!countInRange(monthlyActiveUsers, MAX_ACTIVE_USERS)) {
            mauOk = false;
            errors.add(line, written[index.monthlyActiveUsers], MESSAGES.countRange(shown(mauRaw), MAX_ACTIVE_USERS));
          }
        }
      }
      textColumns ??= [index.customerName, index.workload, index.associationType];
      const clean = textCellsClean(errors, fields, line, written, textColumns);
      if (tenantId === null || month === null || paidUnits === null || !mauOk || !clean) return;

      const workload = NAMES.canonical("workload", fields[index.workload]);
      const associationType = NAMES.canonical("associationType", fields[index.associationType]);
      tally.add(month, workload, null, associationType, false);
      if (onRow !== undefined && errors.total === 0) {
        const customerName = index.customerName === -1 ? "" : fields[index.customerName].trim();
        onRow({ tenantId, customerName, month, workload, associationType, paidUnits, monthlyActiveUsers, line });
      }
    },
    { fastPath: options.fastPath, wrongSource: WRONG_SOURCE.m365, headerMapping: options.headerMapping },
  );

  if (errors.total > 0) return { ok: false, errors: errors.errors, total: errors.total };
  return { ok: true, summary: tally.summary("m365", options.file, true) };
}
