import type { ReactNode } from "react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/snapshots/status-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { tenantHistory, type TenantMonth } from "@/db/queries/snapshots";
import { findRuleSet, getRuleSet } from "@/lib/scoring";
import { Money } from "@/components/format/money";
import { formatUsd, isMonthParam, signed } from "@/lib/snapshot-view";
import { azureSentence, m365Sentence, statusSentence } from "@/lib/tenant-explanation";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Customer tenant" };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = {
  params: Promise<{ slug: string; tenantId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One customer tenant across the organisation's snapshots, with the reasons behind its status. */
export default async function TenantPage({ params, searchParams }: Props) {
  const { slug, tenantId } = await params;
  const { org } = await requireOrgMember(slug, "org.view");
  if (!GUID.test(tenantId)) notFound();
  const history = await tenantHistory(await getDb(), org.id, tenantId.toLowerCase());
  if (history.length === 0) notFound();
  const wanted = (await searchParams).month;
  const selected = (isMonthParam(wanted) && history.find((h) => h.month === wanted)) || history[0]!;
  const base = `/o/${org.slug}`;
  const rules = (findRuleSet(selected.ruleSet) ?? getRuleSet()).data;
  const d = selected.details;
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline-offset-4 hover:underline" href={`${base}/snapshots/${selected.month}`}>
            Snapshot {selected.month}
          </Link>{" "}
          / tenant
        </p>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{selected.customerName || "(no name)"}</h1>
        <p className="font-mono text-xs break-all text-muted-foreground">{selected.tenantId}</p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>In {selected.month}</CardTitle>
          <CardDescription>
            Computed with {selected.ruleSet}, M365 basis {selected.m365Basis}. Net: Enterprise{" "}
            {signed(d.tracks.enterprise.net)}, SMB {signed(d.tracks.smb.net)}.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          <p data-testid="azure-explanation">{azureSentence(d, rules)}</p>
          <p data-testid="m365-explanation">{m365Sentence(d, rules)}</p>
          <ul className="list-disc pl-5 text-muted-foreground">
            <li>{statusSentence("Azure", selected.azureStatus)}</li>
            <li>{statusSentence("M365 Enterprise", selected.m365EnterpriseStatus)}</li>
            <li>{statusSentence("M365 SMB", selected.m365SmbStatus)}</li>
          </ul>
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Azure spend, {selected.month}</CardTitle>
            <CardDescription>Eligible amounts per window and amounts that did not count, by reason.</CardDescription>
          </CardHeader>
          <CardContent>
            <Table aria-label="Azure spend by window and reason">
              <TableBody>
                <Row label="Eligible, current window" value={<Money value={d.azure.current.eligibleAcr} />} />
                <Row label="Eligible, previous window" value={<Money value={d.azure.previous.eligibleAcr} />} />
                <Row
                  label={`Short of ${formatUsd(rules.azure.minimumEligibleAcr)} (current)`}
                  value={<Money value={d.azure.current.shortfall} rounding="up" />}
                />
                <Row label="Excluded: service not on the list" value={<Money value={d.azure.excluded.service} />} />
                <Row
                  label="Excluded: offer (Support, Internal, Benefit Program, Trial)"
                  value={<Money value={d.azure.excluded.offer} />}
                />
                <Row label="Excluded: association type" value={<Money value={d.azure.excluded.associationType} />} />
                <Row label="Excluded: flagged duplicate" value={<Money value={d.azure.excluded.duplicate} />} />
                <Row
                  label="Ignored: dated after the data month"
                  value={<Money value={d.azure.excluded.afterDataMonth} />}
                />
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Licences per workload, {selected.month}</CardTitle>
            <CardDescription>Peak paid units of each eligible workload (never added across workloads).</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            <Table aria-label="Peak paid licences per workload">
              <TableHeader>
                <TableRow>
                  <TableHead>Workload</TableHead>
                  <TableHead className="text-right">Current window</TableHead>
                  <TableHead className="text-right">Previous window</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {workloads(selected).map((w) => (
                  <TableRow key={w.workload}>
                    <TableCell>{w.workload}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {w.current === null ? "—" : `${w.current.units.toLocaleString("en-US")} (${w.current.month})`}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {w.previous === null ? "—" : `${w.previous.units.toLocaleString("en-US")} (${w.previous.month})`}
                    </TableCell>
                  </TableRow>
                ))}
                {workloads(selected).length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={3} className="text-muted-foreground">
                      No paid licences of an eligible workload.
                    </TableCell>
                  </TableRow>
                ) : null}
              </TableBody>
            </Table>
            <p className="text-xs text-muted-foreground">
              Units not counted: {d.m365.excludedUnits.workload.toLocaleString("en-US")} on other workloads,{" "}
              {d.m365.excludedUnits.associationType.toLocaleString("en-US")} with an ineligible association type,{" "}
              {d.m365.excludedUnits.afterDataMonth.toLocaleString("en-US")} dated after the data month.
            </p>
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Month by month</CardTitle>
          <CardDescription>This tenant in every snapshot of the organisation, newest first.</CardDescription>
        </CardHeader>
        <CardContent>
          <Table aria-label="The tenant in each data month">
            <TableHeader>
              <TableRow>
                <TableHead>Data month</TableHead>
                <TableHead>Azure</TableHead>
                <TableHead className="text-right">Eligible ACR (current)</TableHead>
                <TableHead>M365 Enterprise</TableHead>
                <TableHead>M365 SMB</TableHead>
                <TableHead className="text-right">Peak paid units</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.map((h) => (
                <TableRow
                  key={h.month}
                  aria-current={h.month === selected.month ? "true" : undefined}
                  className={h.month === selected.month ? "bg-muted/50" : undefined}
                >
                  <TableCell>
                    <Link
                      className="underline-offset-4 hover:underline"
                      href={`${base}/tenants/${h.tenantId}?month=${h.month}`}
                    >
                      {h.month}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={h.azureStatus} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    <Money value={h.acrCurrentMicros} />
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={h.m365EnterpriseStatus} />
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={h.m365SmbStatus} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {h.peakUnitsCurrent.toLocaleString("en-US")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <TableRow>
      <TableHead scope="row" className="font-normal whitespace-normal text-muted-foreground">
        {label}
      </TableHead>
      <TableCell className="text-right tabular-nums">{value}</TableCell>
    </TableRow>
  );
}

function workloads(month: TenantMonth) {
  const current = month.details.m365.current.peakUnits;
  const previous = month.details.m365.previous.peakUnits;
  const names = [...new Set([...current.map((p) => p.workload), ...previous.map((p) => p.workload)])];
  return names.map((workload) => ({
    workload,
    current: current.find((p) => p.workload === workload) ?? null,
    previous: previous.find((p) => p.workload === workload) ?? null,
  }));
}
