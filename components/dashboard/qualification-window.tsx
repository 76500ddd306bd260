import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TRACK_LABELS } from "@/lib/pcs-total";
import { daysBetween, renewalDate, type QualificationWindow } from "@/lib/qualification-window";

const TRACKS = ["enterprise", "smb"] as const;

/**
 * The qualification window on the dashboard: for the latest data month and the five before it, each track's
 * total and whether it qualified (70 points with every metric above zero), and the renewal date once an admin
 * has recorded the enrolment date.
 */
export function QualificationWindowCard({
  window,
  enrolledOn,
  today,
  settingsHref,
}: {
  window: QualificationWindow;
  enrolledOn: string | null;
  today: string;
  settingsHref: string | null;
}) {
  const renewal = enrolledOn ? renewalDate(enrolledOn, today) : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Qualification window</CardTitle>
        <CardDescription>
          Microsoft grants the designation when a track reaches 70 points with every metric above zero in at least one
          of the current and previous five months.{" "}
          {window.qualified
            ? `A track qualified in ${window.lastQualifyingMonth}.`
            : "No track qualified in this window yet."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="min-w-0 overflow-x-auto">
          <Table aria-label="Qualification by month">
            <TableHeader>
              <TableRow>
                <TableHead>Data month</TableHead>
                {TRACKS.map((t) => (
                  <TableHead key={t}>{TRACK_LABELS[t]}</TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {window.months.map((m) => (
                <TableRow key={m.month}>
                  <TableCell className="font-medium">{m.month}</TableCell>
                  {TRACKS.map((t) => (
                    <TableCell key={t}>
                      {!m.hasSnapshot ? (
                        <span className="text-muted-foreground">No snapshot</span>
                      ) : (
                        <span className="flex flex-wrap items-center gap-2">
                          <span className="tabular-nums">{m.tracks[t].total} / 100</span>
                          {m.tracks[t].qualified ? (
                            <Badge>Qualified</Badge>
                          ) : (
                            <span className="text-xs text-muted-foreground">{m.tracks[t].shortfalls[0]}</span>
                          )}
                        </span>
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <p className="text-sm">
          {renewal ? (
            <>
              Enrolled on {enrolledOn}. Renewal on <span className="font-medium">{renewal}</span> (in{" "}
              {daysBetween(today, renewal)} days).
            </>
          ) : (
            <>
              The renewal date shows once the enrolment date is recorded
              {settingsHref ? (
                <>
                  {" "}
                  in{" "}
                  <Link className="underline underline-offset-4" href={settingsHref}>
                    Settings
                  </Link>
                </>
              ) : (
                " by an admin"
              )}
              .
            </>
          )}
        </p>
      </CardContent>
    </Card>
  );
}
