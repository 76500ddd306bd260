import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ImportReport, NotCountedReason } from "@/lib/scoring";

const REASONS: Record<NotCountedReason, string> = {
  afterDataMonth: "Dated after the data month",
  service: "Service not in the rule set",
  workload: "Workload not in the rule set",
  offer: "Excluded offer (Support, Internal, Benefit Program, Trial)",
  associationType: "Association type that does not count",
  duplicate: "Flagged as duplicate",
};

const n = (v: number) => v.toLocaleString("en-US");

/** The engine's import summary: rows per month, rows not counted by reason, and names it did not recognise. */
export function ImportSummaryView({ report }: { report: ImportReport }) {
  const reasons = Object.entries(report.rowsNotCounted) as [NotCountedReason, number][];
  const unknown = Object.entries(report.unknownNames).flatMap(([kind, list]) =>
    (list ?? []).map((u) => ({ kind, ...u })),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Summary</CardTitle>
        <CardDescription>
          {n(report.rowsRead)} rows read; {n(report.rowsCounted)} can count towards net customer adds.
          {report.offerColumnPresent
            ? ""
            : " The file has no offer column, so every row's offer was treated as eligible."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-2">
        <Table aria-label="Rows per month">
          <TableHeader>
            <TableRow>
              <TableHead>Month</TableHead>
              <TableHead className="text-right">Rows</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {Object.entries(report.rowsPerMonth).map(([month, rows]) => (
              <TableRow key={month}>
                <TableCell>{month}</TableCell>
                <TableCell className="text-right tabular-nums">{n(rows)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <div className="grid content-start gap-6">
          <Table aria-label="Rows not counted, by reason">
            <TableHeader>
              <TableRow>
                <TableHead>Not counted because</TableHead>
                <TableHead className="text-right">Rows</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {reasons.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={2} className="text-muted-foreground">
                    Every row can count.
                  </TableCell>
                </TableRow>
              ) : (
                reasons.map(([reason, rows]) => (
                  <TableRow key={reason}>
                    <TableCell>{REASONS[reason]}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(rows)}</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
          {unknown.length > 0 ? (
            <Table aria-label="Names not in the rule set">
              <TableHeader>
                <TableRow>
                  <TableHead>Name not in the rule set</TableHead>
                  <TableHead className="text-right">Rows</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {unknown.map((u) => (
                  <TableRow key={`${u.kind}:${u.name}`}>
                    <TableCell>
                      {u.name === "" ? <em>(empty)</em> : u.name}{" "}
                      <span className="text-xs text-muted-foreground">
                        ({u.kind === "associationType" ? "association type" : u.kind})
                      </span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{n(u.rows)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
