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
  findSnapshotSummary,
  listSnapshots,
  type ComparedTenant,
} from "@/db/queries/snapshots";
import { TRACK_LABELS } from "@/lib/pcs-total";
import { TRACKS } from "@/lib/scoring";
import { countsNow, isMonthParam, signed } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Compare snapshots" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Two data months side by side: point changes per track, and the tenants that started or stopped counting. */
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
      {a && b ? <Comparison slug={org.slug} a={a} b={b} diff={await compareSnapshotTenants(db, a.id, b.id)} /> : null}
    </div>
  );
}

type Snap = NonNullable<Awaited<ReturnType<typeof findSnapshotSummary>>>;

function Comparison({
  slug,
  a,
  b,
  diff,
}: {
  slug: string;
  a: Snap;
  b: Snap;
  diff: { tenants: ComparedTenant[]; total: number };
}) {
  const started = diff.tenants.filter((t) => startedCounting(t));
  const stopped = diff.tenants.filter((t) => stoppedCounting(t));
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
                    {signed(a.result.tracks[t].netCustomerAdds)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {signed(b.result.tracks[t].netCustomerAdds)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{a.result.tracks[t].points}</TableCell>
                  <TableCell className="text-right tabular-nums">{b.result.tracks[t].points}</TableCell>
                  <TableCell className="text-right font-semibold tabular-nums">
                    {signed(b.result.tracks[t].points - a.result.tracks[t].points)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <ChangedTenants
        slug={slug}
        month={b.month}
        title={`Tenants gained since ${a.month} (${started.length})`}
        a={a.month}
        b={b.month}
        tenants={started}
        empty="No tenant started counting."
      />
      <ChangedTenants
        slug={slug}
        month={b.month}
        title={`Tenants lost since ${a.month} (${stopped.length})`}
        a={a.month}
        b={b.month}
        tenants={stopped}
        empty="No tenant stopped counting."
      />
      {diff.total > diff.tenants.length ? (
        <p className="text-sm text-muted-foreground">
          Showing the first {diff.tenants.length} of {diff.total} changed tenants; download each month&apos;s tenants as
          CSV for the full list.
        </p>
      ) : null}
    </>
  );
}

const sources = ["azureStatus", "m365EnterpriseStatus", "m365SmbStatus"] as const;
const startedCounting = (t: ComparedTenant) => sources.some((s) => countsNow(t.b?.[s]) && !countsNow(t.a?.[s]));
const stoppedCounting = (t: ComparedTenant) => sources.some((s) => countsNow(t.a?.[s]) && !countsNow(t.b?.[s]));

function ChangedTenants({
  slug,
  month,
  title,
  a,
  b,
  tenants,
  empty,
}: {
  slug: string;
  month: string;
  title: string;
  a: string;
  b: string;
  tenants: ComparedTenant[];
  empty: string;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>Counting means gained or retained in the current window of that month.</CardDescription>
      </CardHeader>
      <CardContent>
        {tenants.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <Table aria-label={title}>
            <TableHeader>
              <TableRow>
                <TableHead>Customer</TableHead>
                {["Azure", "M365 Enterprise", "M365 SMB"].map((label) => (
                  <TableHead key={label}>
                    {label} ({a} → {b})
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {tenants.map((t) => (
                <TableRow key={t.tenantId}>
                  <TableCell>
                    <Link
                      className="font-medium underline-offset-4 hover:underline"
                      href={`/o/${slug}/tenants/${t.tenantId}?month=${month}`}
                    >
                      {t.customerName || t.tenantId}
                    </Link>
                  </TableCell>
                  {sources.map((s) => (
                    <TableCell key={s}>
                      <span className="inline-flex flex-wrap items-center gap-1">
                        <StatusBadge status={t.a?.[s] ?? null} /> <span aria-hidden="true">→</span>
                        <span className="sr-only">then</span> <StatusBadge status={t.b?.[s] ?? null} />
                      </span>
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
