import type { Metadata } from "next";
import Link from "next/link";
import { NativeSelect } from "@/components/snapshots/native-select";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listSnapshots } from "@/db/queries/snapshots";
import { TRACK_LABELS } from "@/lib/pcs-total";
import type { Track } from "@/lib/scoring";
import { formatTimestamp, signed } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Snapshots" };

/** One row per data month (its latest version): points per track, rule set, version and when it was computed. */
export default async function SnapshotsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org } = await requireOrgMember((await params).slug, "org.view");
  const snapshots = await listSnapshots(await getDb(), org.id);
  const base = `/o/${org.slug}`;
  const months = snapshots.map((s) => ({ value: s.month, label: s.month }));
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Snapshots</h1>
        <p className="text-sm text-muted-foreground">
          One snapshot per data month. An import, a rollback or a change of rules adds a new version of the months it
          affects.
        </p>
      </div>
      {snapshots.length === 0 ? (
        <EmptyState
          title="No data yet — import your Azure usage export"
          description="Snapshots appear here once an import has finished."
          action={
            <Button asChild>
              <Link href={`${base}/imports`}>Import data</Link>
            </Button>
          }
        />
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Data months</CardTitle>
              <CardDescription>{snapshots.length} months, newest first</CardDescription>
            </CardHeader>
            <CardContent>
              <Table aria-label="Snapshots by data month">
                <TableHeader>
                  <TableRow>
                    <TableHead>Data month</TableHead>
                    <TableHead className="text-right">Enterprise</TableHead>
                    <TableHead className="text-right">SMB</TableHead>
                    <TableHead>Rule set</TableHead>
                    <TableHead>M365 basis</TableHead>
                    <TableHead className="text-right">Version</TableHead>
                    <TableHead>Computed</TableHead>
                    <TableHead>
                      <span className="sr-only">Report</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {snapshots.map((s) => (
                    <TableRow key={s.id}>
                      <TableCell className="font-medium">
                        <Link className="underline-offset-4 hover:underline" href={`${base}/snapshots/${s.month}`}>
                          {s.month}
                        </Link>
                      </TableCell>
                      {(["enterprise", "smb"] as Track[]).map((t) => (
                        <TableCell key={t} className="text-right tabular-nums">
                          {s.result.tracks[t].points} pts{" "}
                          <span className="text-muted-foreground">({signed(s.result.tracks[t].netCustomerAdds)})</span>
                          {s.bestTrack === t ? (
                            <Badge variant="outline" className="ml-1">
                              best<span className="sr-only"> Performance ({TRACK_LABELS[t]})</span>
                            </Badge>
                          ) : null}
                        </TableCell>
                      ))}
                      <TableCell>{s.ruleSet}</TableCell>
                      <TableCell>{s.m365Basis}</TableCell>
                      <TableCell className="text-right tabular-nums">{s.version}</TableCell>
                      <TableCell>{formatTimestamp(s.computedAt)}</TableCell>
                      <TableCell>
                        <Link className="text-sm underline-offset-4 hover:underline" href={`${base}/report/${s.month}`}>
                          Report<span className="sr-only"> for {s.month}</span>
                        </Link>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          {snapshots.length > 1 ? (
            <Card>
              <CardHeader>
                <CardTitle>Compare two months</CardTitle>
                <CardDescription>
                  Which tenants started or stopped counting between them, and how the points changed.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <form action={`${base}/snapshots/compare`} method="get" className="flex flex-wrap items-end gap-3">
                  <NativeSelect label="From" name="a" options={months} defaultValue={snapshots[1]!.month} />
                  <NativeSelect label="To" name="b" options={months} defaultValue={snapshots[0]!.month} />
                  <Button type="submit" variant="outline">
                    Compare
                  </Button>
                </form>
              </CardContent>
            </Card>
          ) : null}
        </>
      )}
    </div>
  );
}
