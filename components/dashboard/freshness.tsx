import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { DataFreshness } from "@/db/queries/data-freshness";
import { monthName, nextRefresh, staleDataMessage } from "@/lib/data-cycle";
import { formatDay, formatTimestamp } from "@/lib/snapshot-view";

/**
 * The staleness banner: from the data month in the portal, or from what the monthly check on the 20th found.
 * Only once something has been imported.
 */
export function StaleDataBanner({ slug, freshness, today }: { slug: string; freshness: DataFreshness; today: Date }) {
  // Before the first import nothing is out of date: the dashboard's checklist says what to do instead.
  if (freshness.latestImport === null) return null;
  const message =
    staleDataMessage(freshness.latestImport?.dataMonth ?? null, today) ??
    (freshness.overdueMonth && freshness.overdueMonth > (freshness.latestImport?.dataMonth ?? "")
      ? `${monthName(freshness.overdueMonth)}'s data is overdue — import it.`
      : null);
  if (!message) return null;
  return (
    <Alert variant="warning" data-testid="stale-banner">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>Your data is out of date</AlertTitle>
      <AlertDescription>
        <p>
          {message}{" "}
          <Link className="font-medium underline underline-offset-4" href={`/o/${slug}/imports`}>
            Go to imports
          </Link>
        </p>
      </AlertDescription>
    </Alert>
  );
}

export function FreshnessCard({
  freshness,
  snapshot,
  today,
}: {
  freshness: DataFreshness;
  snapshot: { month: string; computedAt: Date; ruleSet: string; m365Basis: string; version: number } | null;
  today: Date;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Data freshness</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm break-words">
          <dt className="text-muted-foreground">Data month</dt>
          <dd data-testid="data-month">{snapshot ? monthName(snapshot.month) : "—"}</dd>
          <dt className="text-muted-foreground">Imported</dt>
          <dd>
            {freshness.latestImport
              ? `${formatTimestamp(freshness.latestImport.finishedAt)} (${freshness.latestImport.fileName})`
              : "Nothing imported yet"}
          </dd>
          <dt className="text-muted-foreground">Computed</dt>
          <dd>{snapshot ? `${formatTimestamp(snapshot.computedAt)}, version ${snapshot.version}` : "—"}</dd>
          <dt className="text-muted-foreground">Rules</dt>
          <dd>{snapshot ? `${snapshot.ruleSet}, M365 basis ${snapshot.m365Basis}` : "—"}</dd>
          <dt className="text-muted-foreground">Next refresh</dt>
          <dd>{formatDay(nextRefresh(today))} (Microsoft publishes the previous month&apos;s data by the 20th)</dd>
        </dl>
      </CardContent>
    </Card>
  );
}
