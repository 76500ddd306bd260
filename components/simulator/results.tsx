"use client";

import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatSigned, formatUsd } from "@/lib/format";
import { TRACK_LABELS } from "@/lib/pcs-total";
import type { ScenarioChange } from "@/lib/simulator/scenario";
import type { SimulationResult } from "@/lib/simulator/simulate";
import type { PlanStep } from "@/lib/simulator/plan";
import { STATUS_LABELS } from "@/lib/snapshot-view";

const TRACKS = ["enterprise", "smb"] as const;
const SOURCE_LABELS = { azure: "Azure", "m365-enterprise": "M365 Enterprise", "m365-smb": "M365 SMB" } as const;

/** Points and net adds per track, with and without the scenario, for the base month and the next three. */
export function ResultTable({ result }: { result: SimulationResult }) {
  return (
    <Table aria-label="Points and net adds by month">
      <TableHeader>
        <TableRow>
          <TableHead>Month</TableHead>
          {TRACKS.map((t) => (
            <TableHead key={t} className="text-right">
              {TRACK_LABELS[t]} points
            </TableHead>
          ))}
          {TRACKS.map((t) => (
            <TableHead key={t} className="text-right">
              {TRACK_LABELS[t]} net adds
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {result.months.map((m) => (
          <TableRow key={m.month}>
            <TableCell className="font-medium">
              {m.month}
              {m.month === result.baseMonth ? " (snapshot)" : ""}
            </TableCell>
            {TRACKS.map((t) => (
              <TableCell key={t} className="text-right tabular-nums" data-testid={`points-${m.month}-${t}`}>
                <Delta before={m.baseline.tracks[t].points} after={m.scenario.tracks[t].points} />
              </TableCell>
            ))}
            {TRACKS.map((t) => (
              <TableCell key={t} className="text-right tabular-nums">
                <Delta
                  before={m.baseline.tracks[t].netCustomerAdds}
                  after={m.scenario.tracks[t].netCustomerAdds}
                  signed
                />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Delta({ before, after, signed }: { before: number; after: number; signed?: boolean }) {
  const show = (n: number) => (signed ? formatSigned(n) : String(n));
  if (before === after) return <span>{show(after)}</span>;
  return (
    <span>
      <span className="font-semibold">{show(after)}</span>{" "}
      <span className="text-xs text-muted-foreground">(was {show(before)})</span>
    </span>
  );
}

/** The tenants whose status the scenario changes, month by month. */
export function TenantChanges({ result }: { result: SimulationResult }) {
  if (result.tenantChanges.length === 0)
    return <p className="text-sm text-muted-foreground">No tenant starts or stops counting.</p>;
  return (
    <Table aria-label="Tenants that start or stop counting">
      <TableHeader>
        <TableRow>
          <TableHead>Month</TableHead>
          <TableHead>Tenant</TableHead>
          <TableHead>Source</TableHead>
          <TableHead>Status</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {result.tenantChanges.map((c, i) => (
          <TableRow key={i}>
            <TableCell>{c.month}</TableCell>
            <TableCell>
              {c.name || c.tenantId}
              {c.added ? " (new)" : ""}
            </TableCell>
            <TableCell>{SOURCE_LABELS[c.source]}</TableCell>
            <TableCell>
              {c.counting === "starts" ? "Starts counting" : c.counting === "stops" ? "Stops counting" : ""}{" "}
              <span className="text-xs text-muted-foreground">
                ({STATUS_LABELS[c.before]} → {STATUS_LABELS[c.after]})
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const costOf = (s: PlanStep) =>
  s.kind === "azure" ? `${formatUsd(s.cost, "up")} more eligible ACR` : `${s.cost} more seats`;
const whatOf = (s: PlanStep) =>
  s.change.kind === "licences"
    ? `${s.change.workload}: ${s.has} → ${s.change.units} seats`
    : `has ${formatUsd(s.has)} in the window`;

/** What it would take to reach 20 points in the plan's month, per track, cheapest first. */
export function PlanView({ result, onApply }: { result: SimulationResult; onApply: (c: ScenarioChange[]) => void }) {
  const plan = result.plan;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {TRACKS.map((t) => {
        const p = plan.tracks[t];
        return (
          <section key={t} className="grid content-start gap-2" aria-label={`Plan for ${TRACK_LABELS[t]}`}>
            <h3 className="font-medium">
              {TRACK_LABELS[t]}: {p.points} points in {plan.month}
            </h3>
            {p.netAddsNeeded === 0 ? (
              <p className="text-sm">Already at the maximum.</p>
            ) : (
              <>
                <p className="text-sm">
                  {p.netAddsNeeded} more net {p.netAddsNeeded === 1 ? "add" : "adds"} needed. Cheapest first:
                </p>
                <ol className="grid list-decimal gap-1 pl-5 text-sm">
                  {p.steps.map((s) => (
                    <li key={`${s.kind}-${s.tenantId}`}>
                      <span className="font-medium">{s.name || s.tenantId}</span>: {costOf(s)}{" "}
                      <span className="text-muted-foreground">({whatOf(s)})</span>
                    </li>
                  ))}
                  {p.newCustomers > 0 ? (
                    <li>
                      {p.newCustomers} new {p.newCustomers === 1 ? "customer" : "customers"} with{" "}
                      {formatUsd(plan.newCustomerAcr)} eligible ACR each
                    </li>
                  ) : null}
                </ol>
                {p.steps.length > 0 ? (
                  <Button
                    size="sm"
                    variant="outline"
                    className="w-fit"
                    onClick={() => onApply(p.steps.map((s) => s.change))}
                  >
                    Add these {p.steps.length} changes to the scenario
                  </Button>
                ) : null}
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
