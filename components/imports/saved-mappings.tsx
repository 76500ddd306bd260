import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ColumnMapping } from "@/db/schema";
import { mappingFields } from "@/lib/imports/column-mapping";
import type { FormState } from "@/lib/form-state";
import { SOURCE_LABEL } from "./source-label";
import { DeleteMappingForm } from "./delete-mapping-form";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** The organisation's saved column mappings (issue 15), each with what it maps and a delete button. */
export function SavedMappings({ mappings, deleteAction }: { mappings: ColumnMapping[]; deleteAction: Action | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Saved column mappings</CardTitle>
        <CardDescription>
          Files whose columns the portal does not know are read with the mapping saved for their columns, for uploads
          and for the Partner Center connector. Delete one and the next such file asks again.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {mappings.length === 0 ? (
          <p className="text-sm text-muted-foreground">No saved mappings.</p>
        ) : (
          <Table aria-label="Saved column mappings">
            <TableHeader>
              <TableRow>
                <TableHead>Data</TableHead>
                <TableHead>Mapping</TableHead>
                <TableHead>Last used</TableHead>
                {deleteAction ? <TableHead className="sr-only">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {mappings.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{SOURCE_LABEL[m.source]}</TableCell>
                  <TableCell>
                    <ul className="text-sm">
                      {mappingFields(m.source)
                        .filter((f) => m.mapping[f.key])
                        .map((f) => (
                          <li key={f.key}>
                            {f.label} ← {m.mapping[f.key]}
                          </li>
                        ))}
                    </ul>
                  </TableCell>
                  <TableCell className="tabular-nums">
                    {(m.lastUsedAt ?? m.createdAt).toISOString().slice(0, 10)}
                  </TableCell>
                  {deleteAction ? (
                    <TableCell>
                      <DeleteMappingForm action={deleteAction} mappingId={m.id} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
