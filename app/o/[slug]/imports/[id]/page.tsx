import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/imports/auto-refresh";
import { DecisionForm } from "@/components/imports/decision-form";
import { ImportStatusBadge, IN_PROGRESS } from "@/components/imports/import-status-badge";
import { ImportSummaryView } from "@/components/imports/import-summary";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { findImport } from "@/db/queries/imports";
import { can } from "@/lib/permissions";
import { describeImport, getRuleSet, type ImportSummary } from "@/lib/scoring";
import { requireOrgMember } from "@/server/session";
import { ColumnMappingForm } from "@/components/imports/column-mapping-form";
import { detectedMapping, mappingFields } from "@/lib/imports/column-mapping";
import { cancelMapping, decideImport, mapImportColumns } from "../actions";
import { SOURCE_LABEL } from "@/components/imports/source-label";

export const metadata: Metadata = { title: "Import" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ImportPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { org, role } = await requireOrgMember(slug, "org.view");
  if (!UUID.test(id)) notFound();
  const imp = await findImport(await getDb(), org.id, id);
  if (!imp) notFound();
  const running = IN_PROGRESS.includes(imp.status);
  const percent = imp.byteSize > 0 ? Math.min(100, Math.round((imp.bytesProcessed / imp.byteSize) * 100)) : 0;
  const report =
    imp.summary && imp.dataMonth
      ? describeImport(imp.summary as unknown as ImportSummary, getRuleSet(org.ruleSet), imp.dataMonth)
      : null;

  return (
    <div className="grid gap-6">
      <AutoRefresh active={running} />
      <div className="grid gap-2">
        <Link href={`/o/${slug}/imports`} className="text-sm text-muted-foreground underline-offset-4 hover:underline">
          ← All imports
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight break-all">{imp.fileName}</h1>
          <ImportStatusBadge status={imp.status} />
        </div>
        <p className="text-sm text-muted-foreground">
          {SOURCE_LABEL[imp.source]} · data month {imp.dataMonth ?? "from the file"} ·{" "}
          {(imp.byteSize / 1024).toFixed(1)} KB · uploaded {imp.createdAt.toISOString().slice(0, 16).replace("T", " ")}{" "}
          UTC
        </p>
      </div>

      {running ? (
        <Card>
          <CardHeader>
            <CardTitle>{imp.status === "uploaded" ? "Waiting to start" : "Checking and storing every row"}</CardTitle>
            <CardDescription>You can leave this page; the work goes on in the background.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2">
            <progress className="h-2 w-full accent-primary" value={percent} max={100} aria-label="Import progress" />
            <p className="text-sm tabular-nums" aria-live="polite">
              {percent}% · {imp.rowsProcessed.toLocaleString("en-US")} rows
            </p>
          </CardContent>
        </Card>
      ) : null}

      {imp.status === "awaiting_confirmation" ? (
        <Alert variant="warning" role="status">
          <AlertTitle>
            {imp.conflictingMonths?.length
              ? "Some months already have data"
              : "Please check this file before it is used"}
          </AlertTitle>
          <AlertDescription className="grid gap-3">
            {imp.conflictingMonths?.length ? (
              <p>
                This file holds {imp.conflictingMonths.join(", ")}, which already{" "}
                {imp.conflictingMonths.length === 1 ? "has" : "have"} {SOURCE_LABEL[imp.source]} data. Replacing keeps
                the current data as an earlier revision that an admin can restore.
              </p>
            ) : null}
            {imp.confirmReasons?.length ? (
              <ul className="list-disc pl-5" aria-label="Why this import asks first">
                {imp.confirmReasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            ) : null}
            {can(role, "data.import") ? (
              <DecisionForm
                action={decideImport.bind(null, slug)}
                importId={imp.id}
                goOnLabel={imp.conflictingMonths?.length ? "Replace those months" : "Import it anyway"}
              />
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}

      {imp.status === "needs_mapping" && imp.preview ? (
        <Card>
          <CardHeader>
            <CardTitle>Map the file&apos;s columns</CardTitle>
            <CardDescription>
              This file does not have the columns the portal knows ({(imp.errors ?? []).map((e) => e.column).join(", ")}{" "}
              missing). Choose which of its columns holds each field. The mapping is saved for{" "}
              {SOURCE_LABEL[imp.source]} files of this organisation and used again for files with these columns,
              uploaded or fetched by the connector. Nothing is stored until you confirm.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {can(role, "data.import") ? (
              <ColumnMappingForm
                mapAction={mapImportColumns.bind(null, slug)}
                cancelAction={cancelMapping.bind(null, slug)}
                importId={imp.id}
                fields={mappingFields(imp.source)}
                headers={imp.preview.headers}
                rows={imp.preview.rows}
                initial={detectedMapping(imp.source, imp.preview.headers)}
              />
            ) : (
              <p className="text-sm text-muted-foreground">An admin or analyst can map the columns.</p>
            )}
          </CardContent>
        </Card>
      ) : null}

      {imp.status === "succeeded" ? (
        <Alert variant="success" role="status">
          <AlertTitle>Imported</AlertTitle>
          <AlertDescription>
            {imp.rowsProcessed.toLocaleString("en-US")} rows stored for {imp.months?.join(", ")}. The snapshots are
            being recomputed;{" "}
            <Link className="underline" href={`/o/${slug}`}>
              see the dashboard
            </Link>
            .
          </AlertDescription>
        </Alert>
      ) : null}

      {imp.status === "failed" ? (
        <Alert variant="destructive" role="status">
          <AlertTitle>The import failed</AlertTitle>
          <AlertDescription>{imp.failureReason ?? "The import stopped and nothing was stored."}</AlertDescription>
        </Alert>
      ) : null}

      {imp.status === "invalid" ? (
        <Card>
          <CardHeader>
            <CardTitle>The file was rejected — nothing was stored</CardTitle>
            <CardDescription>
              {imp.errorTotal.toLocaleString("en-US")} {imp.errorTotal === 1 ? "problem" : "problems"} found
              {imp.errorTotal > (imp.errors?.length ?? 0) ? ` (the first ${imp.errors?.length} are listed)` : ""}. Fix
              the file and import it again.{" "}
              <a className="underline" href={`/o/${slug}/imports/${imp.id}/errors`}>
                Download the errors as CSV
              </a>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Table aria-label="Errors in the file">
              <TableHeader>
                <TableRow>
                  <TableHead>Line</TableHead>
                  <TableHead>Column</TableHead>
                  <TableHead>Problem</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {(imp.errors ?? []).map((e, i) => (
                  <TableRow key={i}>
                    <TableCell className="tabular-nums">{e.line ?? "—"}</TableCell>
                    <TableCell>{e.column ?? "—"}</TableCell>
                    <TableCell>{e.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}

      {report ? <ImportSummaryView report={report} /> : null}

      {imp.columnMapping && imp.preview && imp.status !== "needs_mapping" ? (
        <Card>
          <CardHeader>
            <CardTitle>Columns and first rows</CardTitle>
            <CardDescription>How the file&apos;s columns were matched, and its first rows as written.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <Table aria-label="Column mapping">
              <TableHeader>
                <TableRow>
                  <TableHead>Field</TableHead>
                  <TableHead>Column in the file</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {Object.entries(imp.columnMapping).map(([field, column]) => (
                  <TableRow key={field}>
                    <TableCell className="font-medium">{field}</TableCell>
                    <TableCell>{column ?? <span className="text-muted-foreground">not in the file</span>}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Table aria-label="First rows of the file">
              <TableHeader>
                <TableRow>
                  {imp.preview.headers.map((h, i) => (
                    <TableHead key={i}>{h}</TableHead>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {imp.preview.rows.map((row, i) => (
                  <TableRow key={i}>
                    {row.map((cell, j) => (
                      <TableCell key={j} className="whitespace-nowrap">
                        {cell}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
