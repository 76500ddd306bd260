import type { Metadata } from "next";
import Link from "next/link";
import { ImportStatusBadge } from "@/components/imports/import-status-badge";
import { UploadForm } from "@/components/imports/upload-form";
import { AutoRefresh } from "@/components/imports/auto-refresh";
import { IN_PROGRESS } from "@/components/imports/import-status-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listImports } from "@/db/queries/imports";
import { expectedDataMonth } from "@/lib/data-cycle";
import { can } from "@/lib/permissions";
import { requireOrgMember } from "@/server/session";
import { SOURCE_LABEL } from "@/components/imports/source-label";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org, role } = await requireOrgMember((await params).slug, "org.view");
  const rows = await listImports(await getDb(), org.id, 50);
  const base = `/o/${org.slug}`;
  return (
    <div className="grid gap-6">
      <AutoRefresh active={rows.some((r) => IN_PROGRESS.includes(r.status))} intervalMs={2000} />
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Imports</h1>
        <p className="text-sm text-muted-foreground">
          Microsoft refreshes Performance data by the 20th of each month. Import the new exports here; every snapshot
          they affect is recomputed.{" "}
          <Link className="underline" href={`${base}/data`}>
            Data by month and revisions
          </Link>{" "}
          ·{" "}
          <Link className="underline" href={`${base}/guide`}>
            Where do I get these files?
          </Link>
        </p>
      </div>
      {can(role, "data.import") ? (
        <Card>
          <CardHeader>
            <CardTitle>Import a file</CardTitle>
          </CardHeader>
          <CardContent>
            <UploadForm slug={org.slug} defaultMonth={expectedDataMonth(new Date())} />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Recent imports</CardTitle>
          <CardDescription>The last 50 uploads of {org.name}.</CardDescription>
        </CardHeader>
        <CardContent>
          {rows.length === 0 ? (
            <EmptyState
              title="No imports yet"
              description={
                can(role, "data.import")
                  ? "Import your Azure usage export to see which customers count."
                  : "An admin or analyst imports the monthly data."
              }
            />
          ) : (
            <Table aria-label="Recent imports">
              <TableHeader>
                <TableRow>
                  <TableHead>File</TableHead>
                  <TableHead>Data</TableHead>
                  <TableHead>Data month</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Rows</TableHead>
                  <TableHead>Uploaded</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell className="font-medium">
                      <Link className="underline-offset-4 hover:underline" href={`${base}/imports/${r.id}`}>
                        {r.fileName}
                      </Link>
                    </TableCell>
                    <TableCell>{SOURCE_LABEL[r.source]}</TableCell>
                    <TableCell>{r.dataMonth ?? "—"}</TableCell>
                    <TableCell>
                      <ImportStatusBadge status={r.status} />
                    </TableCell>
                    <TableCell className="tabular-nums">{r.rowsProcessed.toLocaleString("en-US")}</TableCell>
                    <TableCell>{r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</TableCell>
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
