/**
 * Header matching (SPEC §3): ignoring case, whitespace and underscores; extra columns ignored. When several
 * columns match one field, the canonical name wins, then the aliases in the order listed, and among equal names
 * the leftmost column.
 */
export interface ColumnSpec<K extends string> {
  key: K;
  /** Canonical name first, then the aliases in order of preference. */
  names: readonly string[];
  required: boolean;
}

export interface HeaderMatch<K extends string> {
  /** Field -> index of its column, or -1 when absent. */
  index: Record<K, number>;
  /** The header cells as written (trimmed), for error messages. */
  written: string[];
}

export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_]/g, "");
}

export interface MissingColumn {
  name: string;
  aliases: readonly string[];
}

/**
 * A saved column mapping (issue 15): field key → the file's header as written. Mapped fields take the named
 * column; the other fields are matched by name as usual, among the columns no mapping took.
 */
export type HeaderMapping = Readonly<Record<string, string>>;

export function matchHeader<K extends string>(
  cells: readonly string[],
  columns: readonly ColumnSpec<K>[],
  mapping?: HeaderMapping,
): { match: HeaderMatch<K>; missing: MissingColumn[] } {
  const normalized = cells.map(normalizeHeader);
  const index = {} as Record<K, number>;
  const missing: MissingColumn[] = [];
  const mappedTo = (key: K) => (mapping?.[key] === undefined ? -1 : normalized.indexOf(normalizeHeader(mapping[key])));
  const taken = new Set(columns.map((c) => mappedTo(c.key)).filter((i) => i !== -1));
  for (const column of columns) {
    let found = mappedTo(column.key);
    for (const name of found === -1 ? column.names : []) {
      found = normalized.indexOf(normalizeHeader(name));
      if (taken.has(found)) found = -1;
      if (found !== -1) break;
    }
    index[column.key] = found;
    if (found === -1 && column.required) missing.push({ name: column.names[0], aliases: column.names.slice(1) });
  }
  return { match: { index, written: cells.map((c) => c.trim()) }, missing };
}
