import { parse } from "csv-parse";
import { AZURE_COLUMNS, M365_COLUMNS, matchHeader } from "@/lib/scoring";

const PREVIEW_ROWS = 5;
const PREVIEW_BYTES = 256 * 1024;
// PostgreSQL text cannot hold NUL, and control characters only garble the page: a binary upload previews as "�".
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (cell: string) => cell.replace(CONTROL, "\uFFFD").slice(0, 200);

/** The first bytes of the upload (at most `limit`). A read error (the file gone, unreadable) is thrown, never hung on. */
async function head(input: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    chunks.push(Buffer.from(chunk));
    size += chunk.byteLength;
    if (size >= limit) break; // leaving the loop closes the stream
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/**
 * The first rows and the detected column mapping (field → header as written), shown with the import. The bytes
 * are read first and parsed after: a stream piped into a parser never ends when the read fails, which hung the
 * instance's worker on a missing upload.
 */
export async function previewUpload(
  input: AsyncIterable<Uint8Array>,
  source: "azure" | "m365",
): Promise<{ headers: string[]; rows: string[][]; mapping: Record<string, string | null> }> {
  const bytes = await head(input, PREVIEW_BYTES);
  const records: string[][] = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    to_line: PREVIEW_ROWS + 1,
  });
  parser.end(bytes);
  try {
    for await (const record of parser) records.push(record as string[]);
  } catch {
    // The preview is best effort (the bytes may stop mid-record); the reader reports the file's real problems.
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
