import { parse } from "csv-parse/sync";
import type { Db } from "@/db/client";
import { AZURE_COLUMNS, M365_COLUMNS, matchHeader } from "@/lib/scoring";
import { readUpload } from "./storage";

const PREVIEW_ROWS = 5;
const PREVIEW_BYTES = 256 * 1024;
// PostgreSQL text cannot hold NUL, and control characters only garble the page: a binary upload previews as "�".
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (cell: string) => cell.replace(CONTROL, "\uFFFD").slice(0, 200);

/** The first rows and the detected column mapping (field → header as written), shown before committing. */
export async function previewUpload(
  db: Db,
  uploadId: string,
  source: "azure" | "m365",
  stallMs?: number,
): Promise<{ headers: string[]; rows: string[][]; mapping: Record<string, string | null> }> {
  // The first 256 KB are enough for the header and five rows; a read error (the upload gone) propagates. An upload
  // still arriving (an import begun early) is waited for.
  const head: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of readUpload({ db, follow: true, stallMs }, uploadId)) {
    head.push(chunk.subarray(0, PREVIEW_BYTES - bytes));
    bytes += Math.min(chunk.byteLength, PREVIEW_BYTES - bytes);
    if (bytes >= PREVIEW_BYTES) break;
  }
  const records: string[][] = [];
  try {
    parse(Buffer.concat(head), {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to_line: PREVIEW_ROWS + 1,
      on_record: (record: string[]) => {
        records.push(record);
        return null;
      },
    });
  } catch {
    // The preview is best effort (it keeps the records before the error); the validator reports the file's real problems.
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
