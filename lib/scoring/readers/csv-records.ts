/**
 * The streaming CSV pass shared by both readers: UTF-8 check, a fast path for simple lines then csv-parse (BOM,
 * CRLF or LF, RFC 4180 quotes), blank-line skipping, header matching, field counts and the physical line where
 * each record starts.
 * Records go to a callback one at a time and are never kept.
 */
import { isUtf8 } from "node:buffer";
import { Parser } from "csv-parse";
import type { ErrorList } from "./errors";
import { FastLineSplitter } from "./fast-lines";
import { matchHeader, type ColumnSpec, type HeaderMapping, type HeaderMatch } from "./headers";
import { sniffFile, SNIFF_BYTES } from "./sniff";

/** A file's bytes: a Node Readable, or any async iterable of chunks. */
export type CsvInput = AsyncIterable<Uint8Array | string>;

/**
 * INTERNAL (csv-parse 7.0.3, pinned in package.json; ARCHITECTURE.md, "Library internals we rely on"). csv-parse
 * leaves the last bytes of each write unread until more data comes or the input ends (its look-ahead:
 * `needMoreDataSize` in csv-parse's api/index.js, 3 bytes for its multi-byte trim characters). The fast path holds
 * back the same bytes, so a file that stops short (invalid UTF-8) yields the same records, and so the same errors,
 * either way. csv-records.test.ts fails when csv-parse's look-ahead is no longer this.
 */
export const LOOKAHEAD = 3;

/** Bytes decoded into one string at a time: under V8's large-object size (see feed). */
const DECODE_WINDOW = 64 * 1024;

/** Longest record accepted (characters). Real export rows are well under 1 KB; this stops a runaway line early. */
export const MAX_RECORD_CHARS = 64 * 1024;

export interface CsvPassResult<K extends string> {
  header: HeaderMatch<K> | null;
  dataRows: number;
}

const PARSE_ERRORS: Record<string, string> = {
  INVALID_OPENING_QUOTE: "malformed: a quote inside an unquoted field",
  CSV_INVALID_OPENING_QUOTE: "malformed: a quote inside an unquoted field",
  CSV_INVALID_CLOSING_QUOTE: "malformed: text after a closing quote",
  CSV_QUOTE_NOT_CLOSED: "malformed: the file ends inside a quoted field",
  CSV_MAX_RECORD_SIZE: `malformed: the record is longer than ${MAX_RECORD_CHARS} characters`,
};

/** Index of the first byte that is not valid UTF-8 (RFC 3629), or -1. Only runs once a chunk has failed. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > n) return i;
    const second = bytes[i + 1];
    // Overlong forms, surrogates and code points above U+10FFFF.
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f)) return i;
    if ((lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

function countNewlines(bytes: Uint8Array, end = bytes.length): number {
  let count = 0;
  let at = Buffer.prototype.indexOf.call(bytes, 10, 0);
  while (at !== -1 && at < end) {
    count++;
    at = Buffer.prototype.indexOf.call(bytes, 10, at + 1);
  }
  return count;
}

/** Bytes at the end of a chunk that start a character completed by the next chunk. */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = bytes[n - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * csv-parse's stream, with records handed to a callback at the moment they are parsed instead of being queued
 * on the readable side. At that moment `info.lines` is the line where the record ends, which gives each record's
 * start line. (csv-parse's `on_record` hook would do the same but builds an info object per record: ~15% of
 * the whole import's time.)
 * INTERNAL (csv-parse 7.0.3, pinned): it relies on csv-parse handing each record to the stream's `push` as it is
 * parsed, with `info.lines` already counted, and crlfFile below reads the record delimiter csv-parse detected from
 * `options.record_delimiter`. csv-records.test.ts checks all three against the installed csv-parse.
 */
export class RecordParser extends Parser {
  constructor(
    private readonly onParsedRecord: (record: string[], lines: number) => void,
    options: ConstructorParameters<typeof Parser>[0],
  ) {
    super(options);
  }

  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    this.onParsedRecord(record as string[], this.info.lines);
    return true;
  }
}

export interface CsvPassOptions {
  /**
   * false: read the whole file with csv-parse. The fast path (fast-lines.ts) must give exactly the same records,
   * lines and errors; tests compare the two.
   */
  fastPath?: boolean;
  /** The other export's columns: a header that lacks this file's columns but has all of those gets `message`. */
  wrongSource?: { message: string; columns: readonly ColumnSpec<string>[] };
  /** The organisation's saved column mapping for this file's headers (issue 15), applied to the header. */
  headerMapping?: HeaderMapping;
}

/**
 * Runs one pass over a CSV file. `onRecord` receives the fields of each data record (untrimmed) with its start
 * line; errors are added to `errors`. Stops early on a fatal problem (missing column, malformed quoting,
 * invalid UTF-8), since record boundaries after it cannot be trusted.
 *
 * Lines go through the fast path (plain and simply quoted lines, split by fast-lines.ts) until the first line
 * it cannot take exactly; from there csv-parse reads the rest of the file.
 */
export async function readCsvRecords<K extends string>(
  input: CsvInput,
  columns: readonly ColumnSpec<K>[],
  errors: ErrorList,
  onRecord: (fields: string[], line: number, header: HeaderMatch<K>) => void,
  options: CsvPassOptions = {},
): Promise<CsvPassResult<K>> {
  let header: HeaderMatch<K> | null = null;
  let fatal = false;
  let nextLine = 1;
  let parserLines = 0;
  let dataRows = 0;

  /** One record that starts on `line`. */
  const accept = (record: string[], line: number): void => {
    if (fatal) return;
    if (record.length === 1 && record[0].trim() === "") return; // empty or whitespace-only line
    if (header === null) {
      const { match, missing } = matchHeader(record, columns, options.headerMapping);
      header = match;
      const other = options.wrongSource;
      if (missing.length > 0 && other && matchHeader(record, other.columns).missing.length === 0) {
        errors.add(line, null, other.message);
        fatal = true;
        return;
      }
      for (const column of missing) {
        const also = column.aliases.length > 0 ? ` (also accepted: ${column.aliases.join(", ")})` : "";
        errors.add(line, column.name, `required column is missing${also}`);
      }
      if (missing.length > 0) fatal = true;
      return;
    }
    dataRows++;
    if (record.length !== header.written.length) {
      // In a file whose lines end in CR LF, a line ending in LF alone does not end its record for csv-parse: it
      // runs on into the next line, and only the field count shows it.
      if (crlfFile() && record.some((field) => field.includes("\n"))) {
        errors.add(
          line,
          null,
          "mixed line endings: this line ends with LF alone while the file's lines end with CR LF; save the file again so every line ends the same way",
        );
        fatal = true;
        return;
      }
      errors.add(
        line,
        null,
        `wrong number of fields: expected ${header.written.length} (as in the header), found ${record.length}`,
      );
      return;
    }
    onRecord(record, line, header);
  };
  const fastLine = (record: string[]): boolean => {
    accept(record, nextLine++);
    return !fatal;
  };
  /** A record from csv-parse, which reports the line where it ends. */
  const handle = (record: string[], lines: number): void => {
    const line = nextLine;
    // csv-parse's line count is exact for one-line records but over-counts CRLF inside quotes, so a record
    // spanning lines is measured by the line breaks in its fields.
    if (lines - parserLines === 1) nextLine++;
    else nextLine += 1 + record.reduce((n, field) => n + countChar(field, "\n"), 0);
    parserLines = lines;
    accept(record, line);
  };

  const fast = options.fastPath === false ? null : new FastLineSplitter();
  let parser: RecordParser | null = null;
  /** Whether the file's records end in CR LF (found by the fast path, or by csv-parse from the first line). */
  const crlfFile = (): boolean => {
    if (fast?.eol) return fast.eol === "\r\n";
    const delimiters = (parser as { options?: { record_delimiter?: unknown[] } } | null)?.options?.record_delimiter;
    return (delimiters ?? []).some((d) => Buffer.isBuffer(d) && d.toString() === "\r\n");
  };
  let ended: Promise<void> = Promise.resolve();
  let parseError: (Error & { code?: string; column?: unknown }) | null = null;
  /** From here on csv-parse reads the file. It starts where the fast path stopped, with the line ending found. */
  const startParser = (): RecordParser => {
    const started = new RecordParser(handle, {
      bom: fast === null || !fast.begun,
      relax_column_count: true,
      max_record_size: MAX_RECORD_CHARS,
      ...(fast?.eol ? { record_delimiter: fast.eol } : {}),
    });
    started.on("error", (error) => {
      parseError ??= error;
    });
    started.resume();
    ended = new Promise<void>((resolve) => {
      started.on("end", resolve);
      started.on("close", resolve);
    });
    parserLines = 0;
    parser = started;
    return started;
  };
  // The bytes the fast path keeps for the next piece, as csv-parse does (LOOKAHEAD).
  let held: Uint8Array = Buffer.alloc(0);
  /** The next complete characters of the file (`last`: the end of it), to whichever reader is reading it. */
  const feed = (bytes: Uint8Array, last = false): void => {
    if (parser !== null) {
      parser.write(bytes);
      return;
    }
    const all = held.length === 0 ? bytes : Buffer.concat([held, bytes]);
    let cut = last ? all.length : Math.max(0, all.length - LOOKAHEAD);
    while (cut > 0 && cut < all.length && (all[cut] & 0xc0) === 0x80) cut--; // not inside a character
    if (cut > 0 && cut < all.length && all[cut - 1] === 13 && all[cut] === 10) cut++; // csv-parse has seen this CRLF
    held = Buffer.from(all.subarray(cut));
    // Decoded a window at a time: V8 puts a string over ~128 KB in its large-object space, one allocation each,
    // and decoding 256 KB pieces whole made the file's text ~60 times slower to produce (measured: 800 MB in
    // 256 KB pieces 10 s, in 64 KB windows 0.2 s). A window never ends inside a character.
    for (let from = 0; from < cut;) {
      let to = Math.min(cut, from + DECODE_WINDOW);
      while (to < cut && (all[to] & 0xc0) === 0x80) to--;
      const text = Buffer.from(all.buffer, all.byteOffset + from, to - from).toString("utf8");
      const rest = fast!.feed(text, fastLine);
      if (rest !== null) {
        startParser().write(Buffer.concat([Buffer.from(rest, "utf8"), all.subarray(to, cut), held]));
        held = Buffer.alloc(0);
        return;
      }
      if (fatal) return;
      from = to;
    }
  };
  if (fast === null) startParser();
  /**
   * The file stops here (invalid UTF-8). csv-parse would have read the unfinished last line character by
   * character, and may have found a bad quote in it already: it reads that line too, as far as csv-parse would.
   */
  const unfinishedToParser = (): void => {
    if (parser !== null || fatal) return;
    const rest = Buffer.concat([Buffer.from(fast!.rest(), "utf8"), held]);
    if (rest.length > 0) startParser().write(rest);
  };

  const reportParseError = () => {
    if (parser === null) return;
    // csv-parse destroys the stream synchronously on a bad record; the 'error' event itself comes a tick later.
    parseError ??= (parser.errored as Error | null) ?? null;
    if (parseError === null || fatal) return;
    const error = parseError;
    const message = PARSE_ERRORS[error.code ?? ""] ?? `malformed CSV: ${error.message}`;
    const columnIndex = typeof error.column === "number" ? error.column : -1;
    const column = header !== null && columnIndex >= 0 ? (header.written[columnIndex] ?? null) : null;
    errors.add(nextLine, column, message);
    fatal = true;
  };

  let newlinesBefore = 0;
  let carry: Uint8Array | null = null;
  /** The next chunk of the file; returns false once reading must stop. */
  const take = (chunk: Uint8Array): boolean => {
    let bytes = chunk;
    if (carry !== null) {
      bytes = Buffer.concat([carry, bytes]);
      carry = null;
    }
    const tail = incompleteTail(bytes);
    const complete = tail > 0 ? bytes.subarray(0, bytes.length - tail) : bytes;
    if (tail > 0) carry = bytes.slice(bytes.length - tail);
    if (!isUtf8(complete)) {
      const at = firstInvalidUtf8(complete);
      const position = at === -1 ? complete.length : at;
      // Rows before the bad byte are parsed first, so their errors come first.
      if (position > 0) feed(complete.subarray(0, position));
      unfinishedToParser();
      reportParseError();
      if (!fatal)
        errors.add(
          newlinesBefore + countNewlines(complete, position) + 1,
          null,
          "invalid UTF-8 (the file must be UTF-8 encoded)",
        );
      fatal = true;
      return false;
    }
    newlinesBefore += countNewlines(complete);
    feed(complete);
    reportParseError();
    return !fatal;
  };
  // The first bytes are looked at together before any is read as CSV: a file that is not UTF-8 text at all is
  // named for what it is (sniff.ts).
  let head: Uint8Array[] | null = [];
  let headBytes = 0;
  const sniffed = (): boolean => {
    const first = Buffer.concat(head!);
    head = null;
    const what = sniffFile(first);
    if (what !== null) {
      errors.add(1, null, what);
      fatal = true;
      return false;
    }
    return first.length === 0 || take(first);
  };
  for await (const chunk of input) {
    const bytes: Uint8Array = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (head !== null) {
      head.push(bytes);
      headBytes += bytes.length;
      if (headBytes < SNIFF_BYTES) continue;
      if (!sniffed()) break;
      continue;
    }
    if (!take(bytes)) break;
  }
  if (head !== null) sniffed();
  if (!fatal && carry !== null) {
    unfinishedToParser();
    reportParseError();
  }
  if (!fatal && carry !== null) {
    errors.add(newlinesBefore + 1, null, "invalid UTF-8: the file ends inside a character");
    fatal = true;
  }
  if (!fatal) {
    if (parser === null) feed(Buffer.alloc(0), true);
    // The fast path's unfinished last line: csv-parse decides what it is (it may end in a lone CR, for one).
    if (parser === null && fast!.rest() !== "") startParser().write(fast!.rest());
    const last = parser as RecordParser | null;
    if (last !== null) {
      last.end();
      await ended;
      reportParseError();
    }
  } else {
    (parser as RecordParser | null)?.destroy();
  }
  if (!fatal && errors.total === 0) {
    if (header === null) errors.add(1, null, "the file is empty: expected a header line and data rows");
    else if (dataRows === 0) errors.add(nextLine, null, "the file has a header but no data rows");
  }
  return { header, dataRows };
}
