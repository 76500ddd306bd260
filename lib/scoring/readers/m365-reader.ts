/** Reader for the Microsoft 365 licence export (SPEC §3, "Microsoft 365 licenses"). */
import { NAMES } from "../rules";
import type { M365Row } from "../types";
import type { ReadOptions } from "./azure-reader";
import { readCsvRecords, type CsvInput } from "./csv-records";
import { ErrorList } from "./errors";
import type { ColumnSpec } from "./headers";
import { ImportTally } from "./import-summary";
import { tenantMonthParser } from "./tenant-month";
import type { ReadResult } from "./read-result";
import { MESSAGES, parseCount, shown } from "./values";

type M365Field =
  "tenantId" | "customerName" | "month" | "workload" | "associationType" | "paidUnits" | "monthlyActiveUsers";

export const M365_COLUMNS: readonly ColumnSpec<M365Field>[] = [
  { key: "tenantId", names: ["CustomerTenantId", "TenantId"], required: true },
  { key: "customerName", names: ["CustomerName", "TenantDomainName"], required: false },
  { key: "month", names: ["Month", "Date"], required: true },
  { key: "workload", names: ["WorkloadName", "Workload", "Product"], required: true },
  {
    key: "associationType",
    names: ["AssociationType", "PartnerAssociationType", "PartnerAttributionType"],
    required: true,
  },
  { key: "paidUnits", names: ["PaidAvailableUnits", "PaidLicenses", "PaidSeats"], required: true },
  { key: "monthlyActiveUsers", names: ["MonthlyActiveUsers", "MAU"], required: false },
];

export async function readM365Licenses(input: CsvInput, options: ReadOptions<M365Row>): Promise<ReadResult> {
  const errors = new ErrorList(options.file);
  const tally = new ImportTally();
  const onRow = options.onRow;
  const tenantMonth = tenantMonthParser(errors);

  await readCsvRecords(
    input,
    M365_COLUMNS,
    errors,
    (fields, line, { index, written }) => {
      const { tenantId, month } = tenantMonth(fields, line, { index, written });
      const unitsRaw = fields[index.paidUnits].trim();
      const paidUnits = parseCount(unitsRaw);
      if (paidUnits === null) errors.add(line, written[index.paidUnits], MESSAGES.count(shown(unitsRaw)));
      let monthlyActiveUsers: number | null = null;
      let mauOk = true;
      if (index.monthlyActiveUsers !== -1) {
        const mauRaw = fields[index.monthlyActiveUsers].trim();
        if (mauRaw !== "") {
          monthlyActiveUsers = parseCount(mauRaw);
          if (monthlyActiveUsers === null) {
            mauOk = false;
            errors.add(line, written[index.monthlyActiveUsers], MESSAGES.count(shown(mauRaw)));
          }
        }
      }
      if (tenantId === null || month === null || paidUnits === null || !mauOk) return;

      const workload = NAMES.canonical("workload", fields[index.workload]);
      const associationType = NAMES.canonical("associationType", fields[index.associationType]);
      tally.add(month, workload, null, associationType, false);
      if (onRow !== undefined && errors.total === 0) {
        const customerName = index.customerName === -1 ? "" : fields[index.customerName].trim();
        onRow({ tenantId, customerName, month, workload, associationType, paidUnits, monthlyActiveUsers, line });
      }
    },
    { fastPath: options.fastPath },
  );

  if (errors.total > 0) return { ok: false, errors: errors.errors, total: errors.total };
  return { ok: true, summary: tally.summary("m365", options.file, true) };
}
