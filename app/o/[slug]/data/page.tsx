import type { Metadata } from "next";
import Link from "next/link";
import { RollbackForm } from "@/components/imports/decision-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listRevisions, planImportRollback } from "@/db/queries/revisions";
import { can } from "@/lib/permissions";
import { requireOrgMember } from "@/server/session";
import { SOURCE_LABEL } from "@/components/imports/source-label";
import { count, formatNumber } from "@/lib/format";
import { deleteColumnMapping, rollbackImport, rollbackRevision } from "./actions";
import { SavedMappings } from "@/components/imports/saved-mappings";
import { listColumnMappings } from "@/db/queries/column-mappings";
import { ImportRollbackForm } from "./import-rollback-form";
import { PartnerCenterCard } from "./partner-center-card";

export const metadata: Metadata = { title: "Data by month" };

/** Which revision of each month is in use, and the earlier ones an admin can go back to. */
export default async function DataPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org, role } = await requireOrgMember((await params).slug, "org.view");
  const db = await getDb();
  const revisions = await listRevisions(db, org.id);
  const mayRollback = can(role, "data.rollback");
  const rollback = rollbackRevision.bind(null, org.slug);
  // Imports with months in use, newest first: each can be rolled back in one action.
  const importIds = [...new Set(revisions.filter((r) => r.active && r.importId).map((r) => r.importId!))];
  const rollbackWhole = rollbackImport.bind(null, org.slug);
  const plans = mayRollback
    ? (await Promise.all(importIds.map((id) => planImportRollback(db, org.id, id)))).filter((p) => p !== null)
    : [];
  const mappings = await listColumnMappings(db, org.id);
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
      <PartnerCenterCard
        db={db}
        org={org}
        mayRefresh={can(role, "data.import")}
        mayManage={can(role, "connector.manage")}
      />
      {plans.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Imports in use</CardTitle>
            <CardDescription>
              Roll back a whole import in one action: each month it brought goes back to the revision before it, and a
              month it brought first no longer has data.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-4">
              {plans.map((p) => (
                <li
                  key={p.import.id}
                  className="grid gap-2 border-b pb-4 last:border-b-0 last:pb-0 sm:grid-cols-[minmax(0,1fr)_auto]"
                  data-testid="import-in-use"
                >
                  <div className="grid gap-1 text-sm">
                    <p className="font-medium break-all">
                      <Link
                        className="underline-offset-4 hover:underline"
                        href={`/o/${org.slug}/imports/${p.import.id}`}
                      >
                        {p.import.fileName}
                      </Link>{" "}
                      <span className="font-normal text-muted-foreground">({SOURCE_LABEL[p.import.source]})</span>
                    </p>
                    <p className="text-muted-foreground">In use for {count(p.toRetire.length, "month")}.</p>
                    {p.restored.length > 0 ? (
                      <p>
                        Goes back to an earlier revision:{" "}
                        {p.restored.map((r) => `${r.month} (revision ${r.revision})`).join(", ")}.
                      </p>
                    ) : null}
                    {p.emptied.length > 0 ? <p>No data afterwards: {p.emptied.join(", ")}.</p> : null}
                  </div>
                  <ImportRollbackForm
                    action={rollbackWhole}
                    importId={p.import.id}
                    label={`Roll back ${p.import.fileName}`}
                  />
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Revisions</CardTitle>
          <CardDescription>{count(revisions.length, "revision")}</CardDescription>
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
                    <TableCell className="text-right tabular-nums">{formatNumber(r.rowCount)}</TableCell>
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
      <SavedMappings
        mappings={mappings}
        deleteAction={can(role, "data.import") ? deleteColumnMapping.bind(null, org.slug) : null}
      />
    </div>
  );
}
