import Link from "next/link";
import { ArrowDown, ArrowUp } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TenantRow } from "@/db/queries/snapshots";
import { Money } from "@/components/format/money";
import { count, formatNumber } from "@/lib/format";
import { tenantQueryString, type TenantQueryParams } from "@/lib/tenant-query";
import { StatusBadge } from "./status-badge";

type SortKey = TenantQueryParams["sort"];

/** One page of a snapshot's tenants; column headers sort on the server through the URL. */
export function TenantTable({
  slug,
  month,
  path,
  query,
  rows,
}: {
  slug: string;
  month: string;
  path: string;
  query: TenantQueryParams;
  rows: TenantRow[];
}) {
  const sortHeader = (key: SortKey, label: string, numeric = false) => {
    const active = query.sort === key;
    const nextDir = active && query.dir === "asc" ? "desc" : active ? "asc" : numeric ? "desc" : "asc";
    return (
      <TableHead
        className={numeric ? "text-right" : undefined}
        aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
      >
        <Link
          className="inline-flex items-center gap-1 rounded-sm underline-offset-4 hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
          href={`${path}${tenantQueryString(query, { sort: key, dir: nextDir, page: 1 })}`}
        >
          {label}
          {active ? (
            query.dir === "asc" ? (
              <ArrowUp className="size-3" aria-hidden="true" />
            ) : (
              <ArrowDown className="size-3" aria-hidden="true" />
            )
          ) : null}
          <span className="sr-only">
            {active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}; ` : ", "}sort
          </span>
        </Link>
      </TableHead>
    );
  };
  return (
    <Table aria-label={`Customer tenants, ${month}`}>
      <TableHeader>
        <TableRow>
          {sortHeader("name", "Customer")}
          <TableHead>Azure</TableHead>
          <TableHead>M365 Enterprise</TableHead>
          <TableHead>M365 SMB</TableHead>
          {sortHeader("acr", "Eligible ACR (current)", true)}
          <TableHead className="text-right">Eligible ACR (previous)</TableHead>
          {sortHeader("units", "Peak paid units", true)}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.tenantId}>
            <TableCell className="max-w-72">
              <Link
                className="font-medium underline-offset-4 hover:underline"
                href={`/o/${slug}/tenants/${r.tenantId}?month=${month}`}
              >
                {r.customerName || "(no name)"}
              </Link>
              <span className="block truncate font-mono text-xs text-muted-foreground">{r.tenantId}</span>
            </TableCell>
            <TableCell>
              <StatusBadge status={r.azureStatus} />
            </TableCell>
            <TableCell>
              <StatusBadge status={r.m365EnterpriseStatus} />
            </TableCell>
            <TableCell>
              <StatusBadge status={r.m365SmbStatus} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Money value={r.acrCurrentMicros} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Money value={r.acrPreviousMicros} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(r.peakUnitsCurrent)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function Pagination({
  path,
  query,
  page,
  pages,
  total,
}: {
  path: string;
  query: TenantQueryParams;
  page: number;
  pages: number;
  total: number;
}) {
  const link = (p: number, label: string, disabled: boolean) =>
    disabled ? (
      <span className="rounded-md px-3 py-1.5 text-sm text-muted-foreground" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link
        className="rounded-md border px-3 py-1.5 text-sm hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
        href={`${path}${tenantQueryString(query, { page: p })}`}
      >
        {label}
      </Link>
    );
  const from = total === 0 ? 0 : (page - 1) * query.size + 1;
  const to = Math.min(total, page * query.size);
  return (
    <nav aria-label="Pages of tenants" className="flex flex-wrap items-center justify-between gap-2">
      <p className="text-sm text-muted-foreground" data-testid="tenant-range">
        {from.toLocaleString("en-US")}–{to.toLocaleString("en-US")} of {count(total, "tenant")} · page {page} of {pages}
      </p>
      <div className="flex gap-1">
        {link(1, "First", page <= 1)}
        {link(page - 1, "Previous", page <= 1)}
        {link(page + 1, "Next", page >= pages)}
        {link(pages, "Last", page >= pages)}
      </div>
    </nav>
  );
}
