"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FormState } from "@/lib/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type Field = { key: string; label: string; required: boolean };

/**
 * Preview → map → confirm (issue 15, after midday's import): one list per field with the file's columns, the
 * first rows as the fields would read them under the chosen mapping, and the server's verdict per field (a column
 * used twice, a required field left empty) when it refuses.
 */
export function ColumnMappingForm({
  mapAction,
  cancelAction,
  importId,
  fields,
  headers,
  rows,
  initial,
}: {
  mapAction: Action;
  cancelAction: Action;
  importId: string;
  fields: Field[];
  headers: string[];
  rows: string[][];
  initial: Record<string, string>;
}) {
  const [mapping, setMapping] = useState<Record<string, string>>(initial);
  const [state, formAction, pending] = useActionState(mapAction, null);
  const [cancelState, cancelFormAction, cancelling] = useActionState(cancelAction, null);
  const refused =
    state?.ok && !(state.data as { ok: boolean }).ok
      ? (state.data as { fieldErrors: Record<string, string> }).fieldErrors
      : {};
  const used = fields.filter((f) => mapping[f.key]);
  const column = (header: string) => headers.indexOf(header);

  return (
    <div className="grid gap-6">
      <form action={formAction} className="grid gap-4" aria-label="Map the columns">
        <input type="hidden" name="importId" value={importId} />
        <div className="grid gap-3 sm:grid-cols-2">
          {fields.map((f) => (
            <div key={f.key} className="grid gap-1">
              <label htmlFor={`map-${f.key}`} className="text-sm font-medium">
                {f.label}
                {f.required ? " (required)" : " (optional)"}
              </label>
              <select
                id={`map-${f.key}`}
                name={f.key}
                value={mapping[f.key] ?? ""}
                onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value })}
                aria-invalid={refused[f.key] ? true : undefined}
                aria-describedby={refused[f.key] ? `map-${f.key}-error` : undefined}
                className="h-9 rounded-md border bg-background px-2 text-sm"
              >
                <option value="">— not in the file —</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
              {refused[f.key] ? (
                <p id={`map-${f.key}-error`} className="text-sm text-destructive" role="alert">
                  {refused[f.key]}
                </p>
              ) : null}
            </div>
          ))}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-medium">The first rows under this mapping</h3>
          <Table aria-label="Preview under the mapping">
            <TableHeader>
              <TableRow>
                {used.map((f) => (
                  <TableHead key={f.key}>{f.label}</TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row, i) => (
                <TableRow key={i}>
                  {used.map((f) => (
                    <TableCell key={f.key} className="whitespace-nowrap">
                      {row[column(mapping[f.key]!)]?.trim() ?? ""}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            Save the mapping and import
          </Button>
        </div>
        <ActionMessage state={state} />
      </form>
      <form action={cancelFormAction}>
        <input type="hidden" name="importId" value={importId} />
        <Button type="submit" variant="outline" disabled={cancelling}>
          Cancel the import
        </Button>
        <ActionMessage state={cancelState} />
      </form>
    </div>
  );
}
