import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TRACK_LABELS } from "@/lib/pcs-total";
import { addMonths, TRACKS } from "@/lib/scoring";
import { count, formatNumber, netAdds } from "@/lib/format";
import { formatUsd, signed, type InsightsPreview } from "@/lib/snapshot-view";

const SHOWN = 8;

/** What the partner needs and what happens next month if nothing changes, from the snapshot's stored insights. */
export function Insights({ slug, month, insights }: { slug: string; month: string; insights: InsightsPreview }) {
  const tenant = (id: string) => `/o/${slug}/tenants/${id}?month=${month}`;
  const { gap, nearMisses, atRisk, projection, totals } = insights;
  return (
    <section aria-labelledby="insights-heading" className="grid gap-4">
      <h2 id="insights-heading" className="text-lg font-semibold">
        What it takes
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h3">Gap to 20 points</CardTitle>
            <CardDescription>Net customer adds still needed for full Performance points.</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1 text-sm">
              {TRACKS.map((t) => (
                <li key={t} data-testid={`gap-${t}`}>
                  <span className="font-medium">{TRACK_LABELS[t]}:</span>{" "}
                  {gap[t].netAddsNeeded === 0
                    ? `20 points reached (${netAdds(gap[t].netCustomerAdds)})`
                    : `${count(gap[t].netAddsNeeded, "more net add")} (now ${signed(gap[t].netCustomerAdds)}, ${count(gap[t].points, "point")})`}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Next month&apos;s projection</CardTitle>
            <CardDescription>
              {addMonths(month, 1)} if no new data arrives: the oldest month leaves each window.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1 text-sm">
              {TRACKS.map((t) => (
                <li key={t} data-testid={`projection-${t}`}>
                  <span className="font-medium">{TRACK_LABELS[t]}:</span> {projection.tracks[t].points} points (
                  {netAdds(projection.tracks[t].netCustomerAdds)})
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Near misses ({totals.nearMisses})</CardTitle>
            <CardDescription>
              Not qualifying yet, but close: Azure at 80% of the threshold, M365 with 1–4 paid licences.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {totals.nearMisses === 0 ? (
              <p className="text-sm text-muted-foreground">No tenant is close to qualifying.</p>
            ) : (
              <ul className="grid gap-1 text-sm">
                {nearMisses.slice(0, SHOWN).map((m) => (
                  <li key={`${m.tenantId}-${m.source}`}>
                    <Link className="font-medium underline-offset-4 hover:underline" href={tenant(m.tenantId)}>
                      {m.name || m.tenantId}
                    </Link>{" "}
                    —{" "}
                    {m.source === "azure"
                      ? `Azure ${formatUsd(m.eligibleAcr)}, ${formatUsd(m.shortfall, "up")} short`
                      : `${count(m.units, `${m.workload} licence`)}, ${formatNumber(m.unitsNeeded)} more needed`}
                  </li>
                ))}
                {totals.nearMisses > SHOWN ? (
                  <li className="text-muted-foreground">
                    …and {totals.nearMisses - SHOWN} more in the{" "}
                    <Link
                      className="underline underline-offset-4"
                      href={`/o/${slug}/snapshots/${month}?status=not-qualifying&sort=acr&dir=desc`}
                    >
                      tenant table
                    </Link>
                  </li>
                ) : null}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h3">At risk next month ({totals.atRisk})</CardTitle>
            <CardDescription>Qualifying now, but not once the oldest month leaves the window.</CardDescription>
          </CardHeader>
          <CardContent>
            {totals.atRisk === 0 ? (
              <p className="text-sm text-muted-foreground">No tenant stops qualifying next month.</p>
            ) : (
              <ul className="grid gap-1 text-sm">
                {atRisk.slice(0, SHOWN).map((r) => (
                  <li key={`${r.tenantId}-${r.source}`}>
                    <Link className="font-medium underline-offset-4 hover:underline" href={tenant(r.tenantId)}>
                      {r.name || r.tenantId}
                    </Link>{" "}
                    —{" "}
                    {r.source === "azure"
                      ? `Azure, ${formatUsd(r.eligibleAcrNextMonth ?? "0")} left in the window`
                      : `M365 (${r.tracks.map((t) => TRACK_LABELS[t]).join(", ")})`}
                  </li>
                ))}
                {totals.atRisk > SHOWN ? (
                  <li className="text-muted-foreground">…and {totals.atRisk - SHOWN} more</li>
                ) : null}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </section>
  );
}
