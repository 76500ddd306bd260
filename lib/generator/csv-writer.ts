/** Buffered CSV output: rows are joined into ~64 KB chunks handed to an (optionally async) sink. */
export type ChunkSink = (chunk: string) => void | Promise<void>;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export class CsvWriter {
  private buffer = "";
  rows = 0;

  /** Rows beyond `limit` are dropped, so a dataset can be cut at an exact row count. */
  constructor(
    private readonly sink: ChunkSink,
    private readonly limit = Infinity,
    private readonly chunkSize = 64 * 1024,
  ) {}

  /** Appends a line (CRLF, as Partner Center writes them). */
  line(fields: readonly string[], isHeader = false): void {
    if (!isHeader && this.rows >= this.limit) return;
    let line = "";
    for (let i = 0; i < fields.length; i++) line += (i === 0 ? "" : ",") + csvField(fields[i]);
    this.buffer += `${line}\r\n`;
    if (!isHeader) this.rows++;
  }

  /** True when a chunk is ready: the caller awaits `flush()` (back-pressure without a promise per row). */
  get full(): boolean {
    return this.buffer.length >= this.chunkSize;
  }

  async flush(): Promise<void> {
    if (this.buffer === "") return;
    const chunk = this.buffer;
    this.buffer = "";
    await this.sink(chunk);
  }
}
