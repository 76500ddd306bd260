/**
 * Reads both import files straight into aggregates: the `pcs` command line's path (the web app stores rows and
 * scores them in the recompute instead). Errors of both files are merged: the first 100, plus the total.
 */
import { Aggregates } from "./aggregate";
import type { RuleSet } from "./rules";
import { readAzureUsage } from "./readers/azure-reader";
import type { CsvInput } from "./readers/csv-records";
import { MAX_REPORTED_ERRORS } from "./readers/errors";
import type { ImportSummary } from "./readers/import-summary";
import { readM365Licenses } from "./readers/m365-reader";
import type { ImportError } from "./types";

export interface NamedInput {
  /** File name used in errors. */
  file: string;
  input: CsvInput;
}

export type LoadResult =
  | { ok: true; aggregates: Aggregates; summaries: ImportSummary[] }
  | { ok: false; errors: ImportError[]; total: number };

export async function loadAggregates(
  ruleSet: RuleSet,
  files: { azure?: NamedInput; m365?: NamedInput },
): Promise<LoadResult> {
  const aggregates = new Aggregates(ruleSet);
  const summaries: ImportSummary[] = [];
  const errors: ImportError[] = [];
  let total = 0;
  if (files.azure) {
    const result = await readAzureUsage(files.azure.input, {
      file: files.azure.file,
      onRow: (row) => aggregates.addAzureRow(row),
    });
    if (result.ok) summaries.push(result.summary);
    else {
      errors.push(...result.errors);
      total += result.total;
    }
  }
  if (files.m365) {
    const result = await readM365Licenses(files.m365.input, {
      file: files.m365.file,
      onRow: (row) => aggregates.addM365Row(row),
    });
    if (result.ok) summaries.push(result.summary);
    else {
      errors.push(...result.errors);
      total += result.total;
    }
  }
  if (total > 0) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS), total };
  return { ok: true, aggregates, summaries };
}
