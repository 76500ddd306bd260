import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/snapshots/print-button";
import { StatusBadge } from "@/components/snapshots/status-badge";
import { TotalsTable } from "@/components/snapshots/totals-table";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listManualScores } from "@/db/queries/manual-scores";
import { findSnapshotPreview, listSnapshotTenants, type TenantRow } from "@/db/queries/snapshots";
import { monthName } from "@/lib/data-cycle";
import {
  MANUAL_METRICS,
  METRIC_LABELS,
  METRIC_MAXIMUM,
  pcsSummary,
  TRACK_LABELS,
  trackPointsFrom,
} from "@/lib/pcs-total";
import { Money } from "@/components/format/money";
import { count } from "@/lib/format";
import { TRACKS } from "@/lib/scoring";
import { formatTimestamp, isMonthParam } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  return { title: `Monthly report ${(await params).month}` };
}

const LISTED = 200;

/** A print-friendly summary of one data month: score, totals, gained and lost tenants, and what it takes. */
export default async function ReportPage({ params }: { params: Promise<{ slug: string; month: string }> }) {
  const { slug, month } = await params;
  const { org } = await requireOrgMember(slug, "org.view");
  if (!isMonthParam(month)) notFound();
  const db = await getDb();
  const snapshot = await findSnapshotPreview(db, org.id, month);
  if (!snapshot) notFound();
  const entries = await listManualScores(db, org.id, month);
  const summary = pcsSummary(
    trackPointsFrom(
      { enterprise: snapshot.result.tracks.enterprise.points, smb: snapshot.result.tracks.smb.points },
      entries,
    ),
  );
  const [gained, lost] = await Promise.all(
    (["gained", "lost"] as const).map((status) =>
      listSnapshotTenants(db, snapshot.id, { column: "any", status, pageSize: LISTED, sort: "name" }),
    ),
  );
  const { windows } = snapshot.result;
  return (
    <article className="mx-auto grid max-w-4xl gap-6 print:max-w-none">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {org.name} — {monthName(month)}
          </h1>
          <p className="text-sm text-muted-foreground">
            Partner Capability Score, Solutions Partner for Security. Current window {windows.current.from}–
            {windows.current.to}, previous {windows.previous.from}–{windows.previous.to}; {snapshot.ruleSet}, M365 basis{" "}
            {snapshot.m365Basis}; snapshot version {snapshot.version}, computed {formatTimestamp(snapshot.computedAt)}.
          </p>
        </div>
        <div className="no-print flex gap-2">
          <PrintButton />
          <Link className="text-sm underline-offset-4 hover:underline" href={`/o/${org.slug}/snapshots/${month}`}>
            Back to the snapshot
          </Link>
        </div>
      </header>

      <section aria-labelledby="score-heading" className="grid gap-2">
        <h2 id="score-heading" className="text-lg font-semibold">
          Score: {summary.total} / 100 ({TRACK_LABELS[summary.best]}) —{" "}
          {summary.qualified
            ? `qualifies (${summary.qualifyingTracks.map((t) => TRACK_LABELS[t]).join(", ")})`
            : "does not qualify yet"}
        </h2>
        <Table aria-label="Score per track and metric">
          <TableHeader>
            <TableRow>
              <TableHead>Metric</TableHead>
              {TRACKS.map((t) => (
                <TableHead key={t} className="text-right">
                  {TRACK_LABELS[t]}
                </TableHead>
              ))}
              <TableHead className="text-right">Maximum</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            <TableRow>
              <TableCell>{METRIC_LABELS.performance}</TableCell>
              {TRACKS.map((t) => (
                <TableCell key={t} className="text-right tabular-nums">
                  {summary.tracks[t].points.performance}
                </TableCell>
              ))}
              <TableCell className="text-right tabular-nums">{METRIC_MAXIMUM.performance}</TableCell>
            </TableRow>
            {MANUAL_METRICS.map((m) => (
              <TableRow key={m}>
                <TableCell>{METRIC_LABELS[m]} (entered by hand)</TableCell>
                {TRACKS.map((t) => (
                  <TableCell key={t} className="text-right tabular-nums">
                    {summary.tracks[t].points[m] ?? "not entered"}
                  </TableCell>
                ))}
                <TableCell className="text-right tabular-nums">{METRIC_MAXIMUM[m]}</TableCell>
              </TableRow>
            ))}
            <TableRow className="font-semibold">
              <TableCell>Total</TableCell>
              {TRACKS.map((t) => (
                <TableCell key={t} className="text-right tabular-nums">
                  {summary.tracks[t].total} {summary.tracks[t].qualified ? "✓" : ""}
                </TableCell>
              ))}
              <TableCell className="text-right tabular-nums">100</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </section>

      <section aria-labelledby="totals-heading" className="grid gap-2">
        <h2 id="totals-heading" className="text-lg font-semibold">
          Net customer adds
        </h2>
        <TotalsTable result={snapshot.result} label="Net customer adds per track" />
        {snapshot.insights ? (
          <p className="text-sm">
            Gap to 20 points: Enterprise {count(snapshot.insights.gap.enterprise.netAddsNeeded, "net add")}, SMB{" "}
            {count(snapshot.insights.gap.smb.netAddsNeeded, "net add")}. Next month with no new data: Enterprise{" "}
            {snapshot.insights.projection.tracks.enterprise.points} points, SMB{" "}
            {snapshot.insights.projection.tracks.smb.points} points. {count(snapshot.insights.totals.atRisk, "tenant")}{" "}
            at risk, {count(snapshot.insights.totals.nearMisses, "near miss", "near misses")}.
          </p>
        ) : null}
      </section>

      <TenantList title="Tenants gained" rows={gained.rows} total={gained.total} />
      <TenantList title="Tenants lost" rows={lost.rows} total={lost.total} />
    </article>
  );
}

function TenantList({ title, rows, total }: { title: string; rows: TenantRow[]; total: number }) {
  const id = title.toLowerCase().replace(/\W+/g, "-");
  return (
    // Not a named region itself: its table is one, named by the same heading (two landmarks may not share a name).
    <section className="grid gap-2 break-inside-avoid-page">
      <h2 id={id} className="text-lg font-semibold">
        {title} ({total})
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">None.</p>
      ) : (
        <Table aria-labelledby={id}>
          <TableHeader>
            <TableRow>
              <TableHead>Customer</TableHead>
              <TableHead>Azure</TableHead>
              <TableHead>M365 Enterprise</TableHead>
              <TableHead>M365 SMB</TableHead>
              <TableHead className="text-right">Eligible ACR</TableHead>
              <TableHead className="text-right">Peak units</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.tenantId}>
                <TableCell>{r.customerName || r.tenantId}</TableCell>
                <TableCell>
                  <StatusBadge status={r.azureStatus} />
                </TableCell>
                <TableCell>
                  <StatusBadge status={r.m365EnterpriseStatus} />
                </TableCell>
                <TableCell>
                  <StatusBadge status={r.m365SmbStatus} />
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  <Money value={r.acrCurrentMicros} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{r.peakUnitsCurrent}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {total > rows.length ? (
        <p className="text-sm text-muted-foreground">
          First {rows.length} of {total}; the CSV export has them all.
        </p>
      ) : null}
    </section>
  );
}
