/** Reader for the Azure usage export (SPEC §3, "Azure usage"). */
import { NAMES } from "../rules";
import type { AzureRow } from "../types";
import { readCsvRecords, type CsvInput } from "./csv-records";
import type { HeaderMapping } from "./headers";
import { ErrorList } from "./errors";
import { AZURE_COLUMNS, WRONG_SOURCE } from "./columns";
import { ImportTally } from "./import-summary";
import { tenantMonthParser } from "./tenant-month";
import type { ReadResult } from "./read-result";
import { amountInRange, MESSAGES, parseAmount, parseDuplicateFlag, shown, textCellsClean } from "./values";

export { AZURE_COLUMNS };

export interface ReadOptions<Row> {
  /** File name used in errors and in the summary. */
  file: string;
  /** Receives each valid row while the file has no error so far. */
  onRow?: (row: Row) => void;
  /** false: csv-parse reads the whole file (the reference the fast path is tested against). */
  fastPath?: boolean;
  /** A saved column mapping for a file whose headers the portal does not know (issue 15). */
  headerMapping?: HeaderMapping;
}

export async function readAzureUsage(input: CsvInput, options: ReadOptions<AzureRow>): Promise<ReadResult> {
  const errors = new ErrorList(options.file);
  const tally = new ImportTally();
  const onRow = options.onRow;
  const tenantMonth = tenantMonthParser(errors);
  let textColumns: number[] | undefined;

  const { header } = await readCsvRecords(
    input,
    AZURE_COLUMNS,
    errors,
    (fields, line, { index, written }) => {
      const { tenantId, month } = tenantMonth(fields, line, { index, written });
      const acrRaw = fields[index.acr].trim();
      let acr = parseAmount(acrRaw);
      if (acr === null) errors.add(line, written[index.acr], MESSAGES.amount(shown(acrRaw)));
      else if (!amountInRange(acr)) {
        errors.add(line, written[index.acr], MESSAGES.amountRange(shown(acrRaw)));
        acr = null;
      }
      let duplicate: boolean | null = false;
      if (index.duplicate !== -1) {
        const flagRaw = fields[index.duplicate].trim();
        duplicate = parseDuplicateFlag(flagRaw);
        if (duplicate === null) errors.add(line, written[index.duplicate], MESSAGES.duplicate(shown(flagRaw)));
      }
      textColumns ??= [index.customerName, index.service, index.offer, index.associationType];
      const clean = textCellsClean(errors, fields, line, written, textColumns);
      if (tenantId === null || month === null || acr === null || duplicate === null || !clean) return;

      const service = NAMES.canonical("service", fields[index.service]);
      const offer = index.offer === -1 ? null : NAMES.canonical("offer", fields[index.offer]);
      const associationType = NAMES.canonical("associationType", fields[index.associationType]);
      tally.add(month, service, offer, associationType, duplicate);
      if (onRow !== undefined && errors.total === 0) {
        const customerName = index.customerName === -1 ? "" : fields[index.customerName].trim();
        onRow({ tenantId, customerName, month, service, offer, associationType, acr, duplicate, line });
      }
    },
    { fastPath: options.fastPath, wrongSource: WRONG_SOURCE.azure, headerMapping: options.headerMapping },
  );

  if (errors.total > 0) return { ok: false, errors: errors.errors, total: errors.total };
  return { ok: true, summary: tally.summary("azure", options.file, header !== null && header.index.offer !== -1) };
}
