import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TenantFilters } from "@/components/snapshots/tenant-filters";
import { Pagination, TenantTable } from "@/components/snapshots/tenant-table";
import { TotalsTable } from "@/components/snapshots/totals-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { findSnapshotSummary, listSnapshotTenants } from "@/db/queries/snapshots";
import { addMonths } from "@/lib/scoring";
import { formatTimestamp, isMonthParam } from "@/lib/snapshot-view";
import { parseTenantQuery, tenantQueryString } from "@/lib/tenant-query";
import { requireOrgMember } from "@/server/session";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  return { title: `Snapshot ${(await params).month}` };
}

type Props = {
  params: Promise<{ slug: string; month: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One data month: windows, totals and the tenant table (searched, filtered, sorted and paged by the database). */
export default async function SnapshotPage({ params, searchParams }: Props) {
  const { slug, month } = await params;
  const { org } = await requireOrgMember(slug, "org.view");
  if (!isMonthParam(month)) notFound();
  const db = await getDb();
  const snapshot = await findSnapshotSummary(db, org.id, month);
  if (!snapshot) notFound();
  const query = parseTenantQuery(await searchParams);
  const page = await listSnapshotTenants(db, snapshot.id, { ...query, pageSize: query.size });
  const base = `/o/${org.slug}`;
  const path = `${base}/snapshots/${month}`;
  const { windows } = snapshot.result;
  const previousMonth = addMonths(month, -1);
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <p className="text-sm text-muted-foreground">
            <Link className="underline-offset-4 hover:underline" href={`${base}/snapshots`}>
              Snapshots
            </Link>{" "}
            / {month}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">Snapshot {month}</h1>
          <p className="text-sm text-muted-foreground">
            Current window {windows.current.from}–{windows.current.to}, previous window {windows.previous.from}–
            {windows.previous.to} · {snapshot.ruleSet}, M365 basis {snapshot.m365Basis} · version {snapshot.version},
            computed {formatTimestamp(snapshot.computedAt)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <Link href={`${base}/snapshots/compare?a=${previousMonth}&b=${month}`}>Compare with {previousMonth}</Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href={`${base}/report/${month}`}>Monthly report</Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href={`${path}/export${tenantQueryString({ ...query, page: 1 })}`} prefetch={false}>
              Download tenants as CSV
            </Link>
          </Button>
        </div>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Totals</CardTitle>
          <CardDescription>
            Best Performance: {snapshot.bestTrack === "smb" ? "SMB" : "Enterprise"}, {snapshot.points} points
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TotalsTable result={snapshot.result} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Customer tenants</CardTitle>
          <CardDescription>
            Gained, lost, retained or not qualifying, per source and track, with the figures behind it.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <TenantFilters path={path} query={query} />
          {page.total === 0 ? (
            <EmptyState
              headingLevel={3}
              title="No tenant matches"
              description="Try another search, or reset the filters."
              action={
                <Button asChild variant="outline">
                  <Link href={path}>Reset the filters</Link>
                </Button>
              }
            />
          ) : (
            <>
              <TenantTable
                slug={org.slug}
                month={month}
                path={path}
                query={{ ...query, page: page.page }}
                rows={page.rows}
              />
              <Pagination path={path} query={query} page={page.page} pages={page.pages} total={page.total} />
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
