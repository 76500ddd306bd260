/**
 * Column mapping for files whose headers the portal does not know (issue 15): which of the file's columns holds
 * each field. Pure: the import page, the mapping action and the import pipeline share these rules.
 */
import { z } from "zod";
import {
  AZURE_COLUMNS,
  M365_COLUMNS,
  matchHeader,
  normalizeHeader,
  type ColumnSpec,
  type HeaderMapping,
} from "@/lib/scoring";

export type MappingSource = "azure" | "m365";

export function columnsOf(source: MappingSource): readonly ColumnSpec<string>[] {
  return source === "azure" ? AZURE_COLUMNS : M365_COLUMNS;
}

/** What a person sees for each field: its canonical header, and whether the file must have it. */
export function mappingFields(source: MappingSource): { key: string; label: string; required: boolean }[] {
  return columnsOf(source).map((c) => ({ key: c.key, label: c.names[0]!, required: c.required }));
}

/** The key a header layout is saved under: the headers normalised as the readers match them, sorted. */
export function headersKey(headers: readonly string[]): string {
  return [...new Set(headers.map(normalizeHeader))].sort().join("\u001f");
}

/** The required fields a file lacks under a mapping (none: the file can be read). */
export function missingFields(source: MappingSource, headers: readonly string[], mapping?: HeaderMapping): string[] {
  return matchHeader(headers, columnsOf(source), mapping).missing.map((m) => m.name);
}

/** The field → header pairs the readers would use by name alone: the starting point of the mapping form. */
export function detectedMapping(source: MappingSource, headers: readonly string[]): Record<string, string> {
  const { match } = matchHeader(headers, columnsOf(source));
  const out: Record<string, string> = {};
  for (const [key, i] of Object.entries(match.index as Record<string, number>)) if (i >= 0) out[key] = headers[i]!;
  return out;
}

/**
 * A submitted mapping, validated against the file's headers: every value is one of the file's columns, no column
 * is used for two fields, and every required field has a column. Empty values mean "not in the file".
 */
export function mappingSchema(source: MappingSource, headers: readonly string[]) {
  const fields = mappingFields(source);
  const known = new Set(headers);
  const shape = Object.fromEntries(
    fields.map((f) => [
      f.key,
      z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v : undefined))
        .refine((v) => v === undefined || known.has(v), { message: "Choose one of the file's columns." }),
    ]),
  );
  return z.object(shape).superRefine((value, ctx) => {
    const used = new Map<string, string>();
    for (const f of fields) {
      const header = value[f.key];
      if (header === undefined) {
        if (f.required)
          ctx.addIssue({
            code: "custom",
            path: [f.key],
            message: `${f.label} is required: choose the column that holds it.`,
          });
        continue;
      }
      const other = used.get(normalizeHeader(header));
      if (other !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [f.key],
          message: `The column "${header}" is already mapped to ${other}: each column can hold one field.`,
        });
      else used.set(normalizeHeader(header), f.label);
    }
  });
}

export type ValidMapping = Record<string, string>;

/** The mapping as stored: only the fields that have a column. */
export function parseMapping(
  source: MappingSource,
  headers: readonly string[],
  raw: Record<string, unknown>,
): { ok: true; mapping: ValidMapping } | { ok: false; errors: Record<string, string> } {
  const parsed = mappingSchema(source, headers).safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
    return { ok: false, errors };
  }
  const mapping: ValidMapping = {};
  for (const [key, header] of Object.entries(parsed.data)) if (typeof header === "string") mapping[key] = header;
  return { ok: true, mapping };
}

/** A saved mapping fits a file when every column it names is in the file and no required field is then missing. */
export function mappingFits(source: MappingSource, headers: readonly string[], mapping: HeaderMapping): boolean {
  const present = new Set(headers.map(normalizeHeader));
  return (
    Object.values(mapping).every((h) => present.has(normalizeHeader(h))) &&
    missingFields(source, headers, mapping).length === 0
  );
}

/** The first rows as the mapped fields would read them, for the preview under the form. */
export function mappedRows(
  source: MappingSource,
  headers: readonly string[],
  rows: readonly string[][],
  mapping: HeaderMapping,
): { fields: string[]; rows: string[][] } {
  const { match } = matchHeader(headers, columnsOf(source), mapping);
  const index = match.index as Record<string, number>;
  const fields = mappingFields(source).filter((f) => index[f.key]! >= 0);
  return {
    fields: fields.map((f) => f.label),
    rows: rows.map((row) => fields.map((f) => (row[index[f.key]!] ?? "").trim())),
  };
}
