/**
 * The fast path of the CSV pass. Most export lines are plain (fields between commas) or hold a few simply quoted
 * fields ("Contoso, Ltd"); this splits them with indexOf/slice, several times faster than csv-parse's
 * byte-by-byte state machine. It takes only lines whose result is certain to equal csv-parse's: the file's own
 * line ending (LF, or CRLF on every line), no other carriage return, not over-long, and quotes only as whole,
 * well-formed fields closed on the same line. At the first line it cannot take, it hands that line and
 * everything after it to csv-parse (csv-records.ts) for good, so record boundaries, line numbers and error
 * messages stay exactly csv-parse's. A differential test holds it to that.
 */

/** Longer lines go to csv-parse, which enforces the record size limit with its own message. */
const FAST_MAX_LINE = 4096;

export type LineEnding = "\n" | "\r\n";

export class FastLineSplitter {
  /** The file's line ending once its first line has been seen (csv-parse discovers it the same way). */
  eol: LineEnding | null = null;
  private pending = "";
  private started = false;

  /**
   * Splits the complete lines of `text` (the next decoded piece of the file) and gives each one's fields to
   * `onLine`, which returns false to stop reading. Returns null when every complete line was taken (an
   * unfinished last line waits for the next piece), otherwise the text from the first line it cannot take:
   * the caller gives that, and the rest of the file, to csv-parse.
   */
  feed(piece: string, onLine: (fields: string[]) => boolean): string | null {
    if (!this.started) {
      if (piece === "") return null;
      this.started = true;
      // csv-parse's `bom` option: one byte order mark at the very start of the file is dropped.
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    const text = this.pending === "" ? piece : this.pending + piece;
    this.pending = "";
    let quote = text.indexOf('"');
    let at = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", at)) {
      const quoted = quote !== -1 && quote < nl;
      if (quoted && this.eol === null) return text.slice(at); // csv-parse finds the line ending outside quotes
      let end = nl;
      if (this.eol === null) {
        const cr = text.indexOf("\r");
        if (cr !== -1 && cr < nl - 1) return text.slice(at); // a lone CR ends csv-parse's first record
        this.eol = cr === nl - 1 ? "\r\n" : "\n";
      }
      if (this.eol === "\r\n") {
        if (nl === at || text.charCodeAt(nl - 1) !== 13) return text.slice(at); // an LF-only line in a CRLF file
        end = nl - 1;
      }
      const line = text.slice(at, end);
      if (line.length > FAST_MAX_LINE || line.includes("\r")) return text.slice(at);
      const fields = quoted ? splitQuoted(line) : line.split(",");
      if (fields === null) return text.slice(at);
      at = nl + 1;
      if (quoted) quote = text.indexOf('"', at);
      if (!onLine(fields)) return null;
    }
    const rest = at === 0 ? text : text.slice(at);
    if (rest.length > FAST_MAX_LINE) return rest;
    this.pending = rest;
    return null;
  }

  /** The file's unfinished last line (no line ending after it), for csv-parse to read; "" when there is none. */
  rest(): string {
    return this.pending;
  }

  /** Whether any text has been read (so csv-parse must not look for a byte order mark again). */
  get begun(): boolean {
    return this.started;
  }
}

/**
 * The fields of a line holding quotes, when each quote belongs to a well-formed quoted field (a quote right at
 * the field's start, `""` for a quote inside, a closing quote followed by a comma or the line's end) closed on
 * this line; otherwise null: a field spanning lines or malformed quoting, which csv-parse reads or reports.
 */
export function splitQuoted(line: string): string[] | null {
  const fields: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q === -1) return null;
        if (line.charCodeAt(q + 1) === 34) {
          value += line.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += line.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (line.charCodeAt(i) !== 44) return null;
      i++;
    } else {
      const comma = line.indexOf(",", i);
      const field = comma === -1 ? line.slice(i) : line.slice(i, comma);
      if (field.includes('"')) return null;
      fields.push(field);
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}
