/**
 * CSV for the audit export. Cells that a spreadsheet would treat as a formula (=, +, -, @, tab, CR)
 * are prefixed with a quote so an exported name like "=HYPERLINK(…)" stays text.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
