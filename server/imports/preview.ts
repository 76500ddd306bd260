import fs from "node:fs";
import { parse } from "csv-parse";
import { AZURE_COLUMNS, M365_COLUMNS, matchHeader } from "@/lib/scoring";

const PREVIEW_ROWS = 5;
// PostgreSQL text cannot hold NUL, and control characters only garble the page: a binary upload previews as "�".
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (cell: string) => cell.replace(CONTROL, "\uFFFD").slice(0, 200);

/** The first rows and the detected column mapping (field → header as written), shown before committing. */
export async function previewUpload(
  file: string,
  source: "azure" | "m365",
): Promise<{ headers: string[]; rows: string[][]; mapping: Record<string, string | null> }> {
  const records: string[][] = [];
  const parser = fs.createReadStream(file, { end: 256 * 1024 }).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to_line: PREVIEW_ROWS + 1,
    }),
  );
  try {
    for await (const record of parser) records.push(record as string[]);
  } catch {
    // The preview is best effort; the validator reports the file's real problems.
  }
  const headers = (records[0] ?? []).map((h) => clean(h.trim()));
  const columns = source === "azure" ? AZURE_COLUMNS : M365_COLUMNS;
  const { match } = matchHeader(headers, columns);
  const mapping: Record<string, string | null> = {};
  for (const column of columns) {
    const i = match.index[column.key];
    mapping[column.names[0]!] = i >= 0 ? headers[i]! : null;
  }
  return { headers, rows: records.slice(1).map((r) => r.map(clean)), mapping };
}
