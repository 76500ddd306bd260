import type { Metadata } from "next";
import Link from "next/link";
import { RollbackForm } from "@/components/imports/decision-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listRevisions } from "@/db/queries/revisions";
import { can } from "@/lib/permissions";
import { requireOrgMember } from "@/server/session";
import { rollbackRevision } from "../imports/actions";
import { SOURCE_LABEL } from "@/components/imports/source-label";

export const metadata: Metadata = { title: "Data by month" };

/** Which revision of each month is in use, and the earlier ones an admin can go back to. */
export default async function DataPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org, role } = await requireOrgMember((await params).slug, "org.view");
  const revisions = await listRevisions(await getDb(), org.id);
  const mayRollback = can(role, "data.rollback");
  const rollback = rollbackRevision.bind(null, org.slug);
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Data by month</h1>
        <p className="text-sm text-muted-foreground">
          Each import adds a revision of the months it holds. Earlier revisions are kept
          {mayRollback
            ? "; put one back in use and every affected snapshot is recomputed."
            : "; an admin can put one back in use."}
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Revisions</CardTitle>
          <CardDescription>{revisions.length} revisions</CardDescription>
        </CardHeader>
        <CardContent>
          {revisions.length === 0 ? (
            <EmptyState
              title="No data yet"
              description="Import your Azure usage export to get started."
              action={
                <Link className="underline" href={`/o/${org.slug}/imports`}>
                  Go to imports
                </Link>
              }
            />
          ) : (
            <Table aria-label="Revisions by month">
              <TableHeader>
                <TableRow>
                  <TableHead>Month</TableHead>
                  <TableHead>Data</TableHead>
                  <TableHead>Revision</TableHead>
                  <TableHead className="text-right">Rows</TableHead>
                  <TableHead>From</TableHead>
                  <TableHead>Imported</TableHead>
                  {mayRollback ? <TableHead>Roll back</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {revisions.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell className="font-medium">{r.month}</TableCell>
                    <TableCell>{SOURCE_LABEL[r.source]}</TableCell>
                    <TableCell>
                      {r.revision}{" "}
                      {r.active ? <Badge variant="success">In use</Badge> : <Badge variant="outline">Earlier</Badge>}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{r.rowCount.toLocaleString("en-US")}</TableCell>
                    <TableCell className="break-all">
                      {r.importId ? (
                        <Link
                          className="underline-offset-4 hover:underline"
                          href={`/o/${org.slug}/imports/${r.importId}`}
                        >
                          {r.fileName}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                    <TableCell>
                      {r.createdAt.toISOString().slice(0, 10)} {r.createdBy ? `by ${r.createdBy}` : ""}
                    </TableCell>
                    {mayRollback ? (
                      <TableCell>
                        {r.active ? null : (
                          <RollbackForm
                            action={rollback}
                            revisionId={r.id}
                            label={`Use revision ${r.revision} of ${r.month} (${SOURCE_LABEL[r.source]})`}
                          />
                        )}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
