/**
 * A size-bounded, least-recently-used store of rendered pages, with one render at a time per key: fifty
 * requests arriving together for a page not yet cached wait for the same render instead of starting fifty.
 * Pure: knows nothing of Next.js or the database.
 */
export interface StoredPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  /**
   * The Content-Security-Policy nonce the page was rendered with, and where the body holds it: each answer writes
   * its own fresh nonce there (and into the headers), so no two answers share one.
   */
  nonce?: { value: string; offsets: number[] };
}

export class PageStore {
  private readonly entries = new Map<string, StoredPage>();
  private readonly pending = new Map<string, Promise<StoredPage | null>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): StoredPage | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Map iteration order is insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /**
   * The stored page for `key`, or the result of `render` (stored when it returns a page). Concurrent calls for
   * one key share one render. A render that returns null (not cacheable) or fails stores nothing.
   */
  async getOrRender(
    key: string,
    render: () => Promise<StoredPage | null>,
  ): Promise<{ page: StoredPage | null; hit: boolean }> {
    const hit = this.get(key);
    if (hit !== undefined) return { page: hit, hit: true };
    let inFlight = this.pending.get(key);
    if (inFlight === undefined) {
      inFlight = render()
        .then((page) => {
          if (page !== null) this.set(key, page);
          return page;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, inFlight);
    }
    return { page: await inFlight, hit: false };
  }

  set(key: string, page: StoredPage): void {
    const size = sizeOf(page);
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= sizeOf(old);
    }
    this.entries.set(key, page);
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(entry);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

function sizeOf(page: StoredPage): number {
  return page.body.byteLength;
}
