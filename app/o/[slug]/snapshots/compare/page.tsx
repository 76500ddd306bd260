import type { Metadata } from "next";
import Link from "next/link";
import { NativeSelect } from "@/components/snapshots/native-select";
import { StatusBadge } from "@/components/snapshots/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import {
  compareSnapshotTenants,
  countSnapshotChanges,
  findSnapshotSummary,
  listSnapshots,
  type ComparedTenant,
} from "@/db/queries/snapshots";
import { TRACK_LABELS } from "@/lib/pcs-total";
import { count, formatNumber, formatSigned, plural } from "@/lib/format";
import { TRACKS, type Track } from "@/lib/scoring";
import {
  addCounts,
  CHANGE_LABELS,
  CHANGE_SIGN,
  CHANGE_SOURCE_LABELS,
  changeSentence,
  changesOf,
  netChange,
  noChanges,
  TRACK_SOURCES,
  WINDOW_CHANGES,
  type ChangeCounts,
  type ChangeSource,
} from "@/lib/snapshot-changes";
import { isMonthParam } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Compare snapshots" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Two data months side by side: point changes per track, and per track and source the four lists of tenants that
 * explain the change in net adds (lib/snapshot-changes).
 */
export default async function ComparePage({ params, searchParams }: Props) {
  const { org } = await requireOrgMember((await params).slug, "org.view");
  const sp = await searchParams;
  const db = await getDb();
  const base = `/o/${org.slug}`;
  const all = await listSnapshots(db, org.id);
  const monthA = first(sp.a);
  const monthB = first(sp.b);
  const options = all.map((s) => ({ value: s.month, label: s.month }));
  const form = (
    <form action={`${base}/snapshots/compare`} method="get" className="flex flex-wrap items-end gap-3">
      <NativeSelect label="From" name="a" options={options} defaultValue={monthA ?? all[1]?.month} />
      <NativeSelect label="To" name="b" options={options} defaultValue={monthB ?? all[0]?.month} />
      <Button type="submit" variant="outline">
        Compare
      </Button>
    </form>
  );
  const [a, b] =
    isMonthParam(monthA) && isMonthParam(monthB)
      ? await Promise.all([findSnapshotSummary(db, org.id, monthA), findSnapshotSummary(db, org.id, monthB)])
      : [null, null];

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline-offset-4 hover:underline" href={`${base}/snapshots`}>
            Snapshots
          </Link>{" "}
          / compare
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">
          {a && b ? `Compare ${a.month} with ${b.month}` : "Compare snapshots"}
        </h1>
      </div>
      {all.length === 0 ? (
        <EmptyState
          title="No data yet — import your Azure usage export"
          description="Two data months are needed to compare."
          action={
            <Button asChild>
              <Link href={`${base}/imports`}>Import data</Link>
            </Button>
          }
        />
      ) : (
        <Card>
          <CardContent className="pt-6">{form}</CardContent>
        </Card>
      )}
      {all.length > 0 && (!a || !b) ? (
        <p className="text-sm text-muted-foreground" role="status">
          {monthA || monthB
            ? "One of these months has no snapshot. Choose two data months above."
            : "Choose two data months above."}
        </p>
      ) : null}
      {a && b ? (
        <Comparison
          slug={org.slug}
          a={a}
          b={b}
          diff={await compareSnapshotTenants(db, a.id, b.id)}
          counts={await countSnapshotChanges(db, a.id, b.id)}
        />
      ) : null}
    </div>
  );
}

type Snap = NonNullable<Awaited<ReturnType<typeof findSnapshotSummary>>>;
type Counts = Record<ChangeSource, ChangeCounts>;

const statusKey = {
  azure: "azureStatus",
  m365Enterprise: "m365EnterpriseStatus",
  m365Smb: "m365SmbStatus",
} as const satisfies Record<ChangeSource, string>;

function Comparison({
  slug,
  a,
  b,
  diff,
  counts,
}: {
  slug: string;
  a: Snap;
  b: Snap;
  diff: { tenants: ComparedTenant[]; total: number };
  counts: Counts;
}) {
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>Points</CardTitle>
          <CardDescription>
            {a.ruleSet === b.ruleSet && a.m365Basis === b.m365Basis
              ? `Both computed with ${a.ruleSet}, M365 basis ${a.m365Basis}.`
              : `Different rules: ${a.month} used ${a.ruleSet} (${a.m365Basis}), ${b.month} used ${b.ruleSet} (${b.m365Basis}).`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Table aria-label="Points per track">
            <TableHeader>
              <TableRow>
                <TableHead>Track</TableHead>
                <TableHead className="text-right">Net adds {a.month}</TableHead>
                <TableHead className="text-right">Net adds {b.month}</TableHead>
                <TableHead className="text-right">Points {a.month}</TableHead>
                <TableHead className="text-right">Points {b.month}</TableHead>
                <TableHead className="text-right">Change</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {TRACKS.map((t) => (
                <TableRow key={t} data-testid={`compare-${t}`}>
                  <TableCell className="font-medium">{TRACK_LABELS[t]}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatSigned(a.result.tracks[t].netCustomerAdds)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatSigned(b.result.tracks[t].netCustomerAdds)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{a.result.tracks[t].points}</TableCell>
                  <TableCell className="text-right tabular-nums">{b.result.tracks[t].points}</TableCell>
                  <TableCell className="text-right font-semibold tabular-nums">
                    {formatSigned(b.result.tracks[t].points - a.result.tracks[t].points)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      {TRACKS.map((t) => (
        <TrackChanges key={t} slug={slug} track={t} a={a} b={b} tenants={diff.tenants} counts={counts} />
      ))}
      {diff.total > diff.tenants.length ? (
        <p className="text-sm text-muted-foreground">
          The lists name the first {formatNumber(diff.tenants.length)} of {count(diff.total, "changed tenant")}; the
          counts cover all of them. Download each month&apos;s tenants as CSV for the full list.
        </p>
      ) : null}
    </>
  );
}

/** One track: the sentence, then per source the four lists that add up to the change in net adds. */
function TrackChanges({
  slug,
  track,
  a,
  b,
  tenants,
  counts,
}: {
  slug: string;
  track: Track;
  a: Snap;
  b: Snap;
  tenants: ComparedTenant[];
  counts: Counts;
}) {
  const sources = TRACK_SOURCES[track];
  const total = sources.map((s) => counts[s]).reduce(addCounts, noChanges());
  const pointsA = a.result.tracks[track].points;
  const pointsB = b.result.tracks[track].points;
  return (
    <Card data-testid={`changes-${track}`}>
      <CardHeader>
        <CardTitle>
          {TRACK_LABELS[track]}: {pointsA} → {pointsB} points
        </CardTitle>
        <CardDescription data-testid={`change-sentence-${track}`} className="text-base text-foreground">
          {changeSentence(total)}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {sources.map((source) => (
          <section
            key={source}
            className="grid gap-3"
            aria-label={`${TRACK_LABELS[track]}, ${CHANGE_SOURCE_LABELS[source]}`}
          >
            <h3 className="text-sm font-semibold">
              {CHANGE_SOURCE_LABELS[source]}: {formatSigned(netChange(counts[source]))} net{" "}
              {plural(Math.abs(netChange(counts[source])), "add")}
            </h3>
            <div className="grid gap-4 sm:grid-cols-2">
              {WINDOW_CHANGES.map((change) => {
                const listed = tenants.filter((t) =>
                  changesOf(t.a?.[statusKey[source]] ?? null, t.b?.[statusKey[source]] ?? null).includes(change),
                );
                const n = counts[source][change];
                return (
                  <div
                    key={change}
                    className="grid content-start gap-1"
                    data-testid={`list-${track}-${source}-${change}`}
                  >
                    <h4 className="text-sm text-muted-foreground">
                      {CHANGE_LABELS[change]} ({formatNumber(n)}){" "}
                      <span className="tabular-nums">{n === 0 ? "" : formatSigned(CHANGE_SIGN[change] * n)}</span>
                    </h4>
                    {n === 0 ? (
                      <p className="text-sm text-muted-foreground">None.</p>
                    ) : (
                      <ul className="grid gap-1 text-sm">
                        {listed.map((t) => (
                          <li key={t.tenantId} className="flex flex-wrap items-center gap-1">
                            <Link
                              className="font-medium underline-offset-4 hover:underline"
                              href={`/o/${slug}/tenants/${t.tenantId}?month=${b.month}`}
                            >
                              {t.customerName || t.tenantId}
                            </Link>
                            <span className="inline-flex items-center gap-1">
                              <StatusBadge status={t.a?.[statusKey[source]] ?? null} />
                              <span aria-hidden="true">→</span>
                              <span className="sr-only">then</span>
                              <StatusBadge status={t.b?.[statusKey[source]] ?? null} />
                            </span>
                          </li>
                        ))}
                        {n > listed.length ? (
                          <li className="text-muted-foreground">and {formatNumber(n - listed.length)} more</li>
                        ) : null}
                      </ul>
                    )}
                  </div>
                );
              })}
            </div>
          </section>
        ))}
      </CardContent>
    </Card>
  );
}
