import Link from "next/link";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ScoreResult } from "@/lib/scoring";
import { signed } from "@/lib/snapshot-view";
import { TrendChart, type TrendSeries } from "./trend-chart";

type Figure = {
  id: string;
  title: string;
  description: string;
  series: (TrendSeries & { value: (r: ScoreResult) => number; signed?: boolean })[];
};

const FIGURES: Figure[] = [
  {
    id: "net-adds",
    title: "Net customer adds",
    description: "Per track: qualifying tenants in the current window minus the previous window.",
    series: [
      {
        key: "enterprise",
        label: "Enterprise",
        color: "var(--chart-1)",
        value: (r) => r.tracks.enterprise.netCustomerAdds,
        signed: true,
      },
      { key: "smb", label: "SMB", color: "var(--chart-2)", value: (r) => r.tracks.smb.netCustomerAdds, signed: true },
    ],
  },
  {
    id: "azure",
    title: "Azure qualifying tenants",
    description: "Same for both tracks: current window against the previous window.",
    series: [
      {
        key: "current",
        label: "Current window",
        color: "var(--chart-1)",
        value: (r) => r.tracks.enterprise.azure.current,
      },
      {
        key: "previous",
        label: "Previous window",
        color: "var(--chart-4)",
        dashed: true,
        value: (r) => r.tracks.enterprise.azure.previous,
      },
    ],
  },
  {
    id: "m365",
    title: "Microsoft 365 qualifying tenants",
    description: "Per track: current window against the previous window.",
    series: [
      {
        key: "entCurrent",
        label: "Enterprise, current",
        color: "var(--chart-1)",
        value: (r) => r.tracks.enterprise.m365.current,
      },
      {
        key: "entPrevious",
        label: "Enterprise, previous",
        color: "var(--chart-1)",
        dashed: true,
        value: (r) => r.tracks.enterprise.m365.previous,
      },
      { key: "smbCurrent", label: "SMB, current", color: "var(--chart-2)", value: (r) => r.tracks.smb.m365.current },
      {
        key: "smbPrevious",
        label: "SMB, previous",
        color: "var(--chart-2)",
        dashed: true,
        value: (r) => r.tracks.smb.m365.previous,
      },
    ],
  },
];

/** Every data month with a snapshot, oldest first: a chart and, for everyone, the table with the same figures. */
export function Trends({ slug, results }: { slug: string; results: ScoreResult[] }) {
  const months = [...results].sort((a, b) => a.month.localeCompare(b.month));
  return (
    <section aria-labelledby="trends-heading" className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="trends-heading" className="text-lg font-semibold">
          Trends
        </h2>
        <Link className="text-sm underline-offset-4 hover:underline" href={`/o/${slug}/trends/export`} prefetch={false}>
          Download trends as CSV
        </Link>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {FIGURES.map((f) => {
          const data = months.map((r) => ({
            month: r.month,
            ...Object.fromEntries(f.series.map((s) => [s.key, s.value(r)])),
          }));
          return (
            <Card key={f.id} className={f.id === "m365" ? "min-w-0 xl:col-span-2" : "min-w-0"}>
              <CardHeader>
                <CardTitle as="h3" id={`trend-${f.id}`}>
                  {f.title}
                </CardTitle>
                <CardDescription>{f.description}</CardDescription>
                <CardAction className="text-xs text-muted-foreground">{months.length} months</CardAction>
              </CardHeader>
              <CardContent className="grid gap-3">
                <TrendChart
                  data={data}
                  series={f.series.map(({ key, label, color, dashed }) => ({ key, label, color, dashed }))}
                />
                <details>
                  <summary className="cursor-pointer text-sm text-muted-foreground">
                    Show the figures as a table
                  </summary>
                  <Table aria-labelledby={`trend-${f.id}`} className="mt-2">
                    <TableHeader>
                      <TableRow>
                        <TableHead>Month</TableHead>
                        {f.series.map((s) => (
                          <TableHead key={s.key} className="text-right">
                            {s.label}
                          </TableHead>
                        ))}
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {months.map((r) => (
                        <TableRow key={r.month}>
                          <TableCell>
                            <Link
                              className="underline-offset-4 hover:underline"
                              href={`/o/${slug}/snapshots/${r.month}`}
                            >
                              {r.month}
                            </Link>
                          </TableCell>
                          {f.series.map((s) => (
                            <TableCell key={s.key} className="text-right tabular-nums">
                              {s.signed ? signed(s.value(r)) : s.value(r)}
                            </TableCell>
                          ))}
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </details>
              </CardContent>
            </Card>
          );
        })}
      </div>
    </section>
  );
}
