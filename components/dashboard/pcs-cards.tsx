import { CircleCheck, CircleDashed, Star } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ManualScoreEntry } from "@/db/queries/manual-scores";
import {
  MANUAL_METRICS,
  METRIC_LABELS,
  METRIC_MAXIMUM,
  QUALIFYING_TOTAL,
  TRACK_LABELS,
  type PcsSummary,
} from "@/lib/pcs-total";
import type { ScoreResult, Track } from "@/lib/scoring";
import { formatTimestamp, signed } from "@/lib/snapshot-view";
import { cn } from "@/lib/utils";
import type { FormState } from "@/lib/form-state";
import { ManualScoreForm } from "./manual-score-form";
import { netAdds } from "@/lib/format";

type Props = {
  summary: PcsSummary;
  result: ScoreResult;
  entries: ManualScoreEntry[];
  month: string;
  /** The bound server action when the member may enter points; null for viewers. */
  enterAction: ((prev: FormState, formData: FormData) => Promise<FormState>) | null;
};

/** The partner's score: one card per track, the better one highlighted, and the overall status. */
export function PcsCards({ summary, result, entries, month, enterAction }: Props) {
  const best = summary.tracks[summary.best];
  return (
    <section aria-labelledby="pcs-heading" className="grid gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="pcs-heading" className="text-lg font-semibold">
          Partner Capability Score
        </h2>
        <p className="text-sm" data-testid="pcs-overall">
          <span className="text-2xl font-semibold tabular-nums">{summary.total}</span>
          <span className="text-muted-foreground"> / 100 ({TRACK_LABELS[best.track]})</span>{" "}
          {summary.qualified ? (
            <Badge variant="success">
              <CircleCheck aria-hidden="true" /> Qualifies (
              {summary.qualifyingTracks.map((t) => TRACK_LABELS[t]).join(", ")})
            </Badge>
          ) : (
            <Badge variant="outline">
              <CircleDashed aria-hidden="true" /> Does not qualify yet
            </Badge>
          )}
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {(["enterprise", "smb"] as const).map((track) => (
          <TrackCard
            key={track}
            track={track}
            isBest={track === summary.best}
            summary={summary}
            result={result}
            entries={entries}
            month={month}
            enterAction={enterAction}
          />
        ))}
      </div>
    </section>
  );
}

function TrackCard({
  track,
  isBest,
  summary,
  result,
  entries,
  month,
  enterAction,
}: Omit<Props, "summary"> & { track: Track; isBest: boolean; summary: PcsSummary }) {
  const t = summary.tracks[track];
  const perf = result.tracks[track];
  const entry = (metric: string) => entries.find((e) => e.track === track && e.metric === metric);
  return (
    <Card
      className={cn("min-w-0", isBest && "border-primary ring-2 ring-primary/30")}
      data-testid={`track-${track}`}
      aria-labelledby={`track-${track}-title`}
    >
      <CardHeader>
        <CardTitle as="h3" id={`track-${track}-title`} className="flex flex-wrap items-center gap-2">
          {TRACK_LABELS[track]} track
          {isBest ? (
            <Badge>
              <Star aria-hidden="true" /> Your score
            </Badge>
          ) : null}
        </CardTitle>
        <CardDescription>
          <span className="text-3xl font-semibold text-foreground tabular-nums" data-testid={`total-${track}`}>
            {t.total}
          </span>{" "}
          / 100 ·{" "}
          <span data-testid={`status-${track}`}>
            {t.qualified ? "Qualifies" : `Does not qualify (needs ${QUALIFYING_TOTAL} and every metric above 0)`}
          </span>
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid gap-2 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4">
            <dt>
              Performance: {METRIC_LABELS.performance}
              <span className="block text-xs text-muted-foreground">
                From the {month} snapshot: {netAdds(perf.netCustomerAdds)} (Azure {signed(perf.azure.net)}, M365{" "}
                {signed(perf.m365.net)})
              </span>
            </dt>
            <dd className="font-medium tabular-nums" data-testid={`performance-${track}`}>
              {perf.points} / {METRIC_MAXIMUM.performance}
            </dd>
          </div>
          {MANUAL_METRICS.map((metric) => {
            const e = entry(metric);
            return (
              <div key={metric} className="flex flex-wrap items-baseline justify-between gap-x-4">
                <dt>
                  {metric === "skilling"
                    ? "Skilling (intermediate certifications)"
                    : `Customer Success: ${METRIC_LABELS[metric]}`}
                  <span className="block text-xs text-muted-foreground">
                    {e
                      ? `Entered by hand by ${e.enteredBy ?? "a former member"}, ${formatTimestamp(e.enteredAt)}`
                      : "Not entered yet"}
                  </span>
                </dt>
                <dd className="font-medium tabular-nums" data-testid={`${metric}-${track}`}>
                  {e ? e.points : "—"} / {METRIC_MAXIMUM[metric]}
                </dd>
              </div>
            );
          })}
        </dl>
        {t.shortfalls.length > 0 ? (
          <div className="text-sm">
            <p className="font-medium">To qualify on this track:</p>
            <ul className="list-disc pl-5 text-muted-foreground">
              {t.shortfalls.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {enterAction ? (
          <details className="rounded-md border p-3">
            <summary className="cursor-pointer text-sm font-medium">Enter Skilling and Customer Success points</summary>
            <div className="mt-3">
              <ManualScoreForm
                action={enterAction}
                month={month}
                track={track}
                current={{
                  skilling: t.points.skilling,
                  deployments: t.points.deployments,
                  usageGrowth: t.points.usageGrowth,
                }}
              />
            </div>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}
