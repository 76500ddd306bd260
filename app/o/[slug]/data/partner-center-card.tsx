import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Db } from "@/db/client";
import { findConnection, recentRuns } from "@/db/queries/partner-center";
import type { ConnectorRun } from "@/db/schema";
import { nextRefresh } from "@/lib/data-cycle";
import { formatNumber } from "@/lib/format";
import { connectorEnv } from "@/lib/env";
import { RefreshForm } from "./refresh-form";

const STATE_LABEL: Record<ConnectorRun["state"], string> = {
  queued: "Starting",
  waiting: "Waiting for Partner Center",
  importing: "Importing",
  succeeded: "Imported",
  awaiting_confirmation: "Waiting for a decision",
  invalid: "File rejected",
  failed: "Failed",
};

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/** The Partner Center connector on the Data page: last run, next run, files fetched, rows, errors. */
export async function PartnerCenterCard({
  db,
  org,
  mayRefresh,
  mayManage,
}: {
  db: Db;
  org: { id: string; slug: string };
  mayRefresh: boolean;
  mayManage: boolean;
}) {
  const conn = await findConnection(db, org.id);
  const available = connectorEnv().keys.length > 0;
  const runs = conn ? await recentRuns(db, org.id, 5) : [];
  const last = runs[0];
  const settings = `/o/${org.slug}/settings/partner-center`;
  return (
    <Card data-testid="partner-center-card">
      <CardHeader>
        <CardTitle>Partner Center</CardTitle>
        <CardDescription>
          {!available
            ? "The connector is unavailable: no encryption key is configured (PCP_ENCRYPTION_KEY)."
            : conn
              ? "Azure usage and Microsoft 365 licences are fetched from Partner Center after the 20th of each month."
              : "Not connected: files are uploaded by hand."}{" "}
          {mayManage ? (
            <Link className="underline" href={settings}>
              {conn ? "Connection settings" : "Connect Partner Center"}
            </Link>
          ) : null}
        </CardDescription>
      </CardHeader>
      {conn ? (
        <CardContent className="grid gap-4">
          <dl className="grid gap-2 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6">
            <dt className="text-muted-foreground">Last run</dt>
            <dd data-testid="connector-last-run">
              {last ? (
                <>
                  <Badge
                    variant={
                      last.state === "succeeded"
                        ? "success"
                        : last.state === "failed" || last.state === "invalid"
                          ? "destructive"
                          : "outline"
                    }
                  >
                    {STATE_LABEL[last.state]}
                  </Badge>{" "}
                  {when(last.createdAt)} ({last.trigger === "monthly" ? "monthly" : "Refresh now"}, data month{" "}
                  {last.dataMonth})
                </>
              ) : (
                "None yet"
              )}
            </dd>
            <dt className="text-muted-foreground">Next run</dt>
            <dd>
              {last && last.nextCheckAt && !last.finishedAt
                ? `Checking again ${when(last.nextCheckAt)}`
                : `Monthly, from ${nextRefresh(new Date())}`}
            </dd>
            {last ? (
              <>
                <dt className="text-muted-foreground">Files fetched</dt>
                <dd data-testid="connector-files">{last.filesFetched} of 2</dd>
                <dt className="text-muted-foreground">Rows</dt>
                <dd data-testid="connector-rows">{formatNumber(last.rows)}</dd>
              </>
            ) : null}
            {last?.error ? (
              <>
                <dt className="text-muted-foreground">Errors</dt>
                <dd data-testid="connector-error" className="text-destructive">
                  {last.error}
                </dd>
              </>
            ) : null}
          </dl>
          {last
            ? (() => {
                const ids = [last.reports.azure?.importId, last.reports.m365?.importId].filter(Boolean) as string[];
                return ids.length > 0 ? (
                  <p className="text-sm">
                    Imports of this run:{" "}
                    {ids.map((id, i) => (
                      <span key={id}>
                        {i > 0 ? ", " : ""}
                        <Link className="underline" href={`/o/${org.slug}/imports/${id}`}>
                          {i === 0 && last.reports.azure?.importId === id ? "Azure usage" : "Microsoft 365 licences"}
                        </Link>
                      </span>
                    ))}
                  </p>
                ) : null;
              })()
            : null}
          {mayRefresh && available ? <RefreshForm slug={org.slug} /> : null}
        </CardContent>
      ) : null}
    </Card>
  );
}
