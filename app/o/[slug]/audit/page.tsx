import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { auditFacets, countAudit, listAudit } from "@/db/queries/audit-log";
import { auditFilterSchema, toAuditFilter } from "@/lib/audit/filter";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 100;
const selectClass =
  "h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { org } = await requireOrgMember((await params).slug, "audit.view");
  const raw = await searchParams;
  const first = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : "");
  const parsed = auditFilterSchema.safeParse({
    actor: first("actor"),
    action: first("action"),
    from: first("from"),
    to: first("to"),
  });
  const input = parsed.success ? parsed.data : {};
  const filter = toAuditFilter(input);
  const db = await getDb();
  const [rows, total, facets] = await Promise.all([
    listAudit(db, org.id, filter, { limit: PAGE_SIZE }),
    countAudit(db, org.id, filter),
    auditFacets(db, org.id),
  ]);
  const query = new URLSearchParams(Object.entries(input).filter(([, v]) => v) as [string, string][]).toString();

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="text-sm text-muted-foreground">
            Every change in {org.name}: who, what, before and after. Entries cannot be edited.
          </p>
        </div>
        <Button asChild variant="outline">
          <a href={`/o/${org.slug}/audit/export${query ? `?${query}` : ""}`} download>
            Export CSV
          </a>
        </Button>
      </div>

      <Card>
        <CardContent>
          <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter the audit log">
            <div className="grid gap-2">
              <Label htmlFor="actor">Person</Label>
              <select id="actor" name="actor" defaultValue={input.actor ?? ""} className={selectClass}>
                <option value="">Anyone</option>
                {facets.actors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.email}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="action">Action</Label>
              <select id="action" name="action" defaultValue={input.action ?? ""} className={selectClass}>
                <option value="">Any action</option>
                {facets.actions.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="from">From</Label>
              <Input id="from" name="from" type="date" defaultValue={input.from ?? ""} className="w-40" />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="to">To</Label>
              <Input id="to" name="to" type="date" defaultValue={input.to ?? ""} className="w-40" />
            </div>
            <Button type="submit">Filter</Button>
          </form>
          {!parsed.success ? (
            <p role="alert" className="mt-3 text-sm text-destructive">
              Some filters were not valid and were ignored.
            </p>
          ) : null}
        </CardContent>
      </Card>

      {rows.length === 0 ? (
        <EmptyState title="No entries" description="Nothing matches these filters." />
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            Showing {rows.length} of {total} {total === 1 ? "entry" : "entries"}, newest first.
          </p>
          <Table aria-label="Audit entries">
            <TableHeader>
              <TableRow>
                <TableHead>When (UTC)</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Object</TableHead>
                <TableHead>Before</TableHead>
                <TableHead>After</TableHead>
                <TableHead>From</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="whitespace-nowrap">
                    {r.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                  </TableCell>
                  <TableCell>{r.actorEmail ?? "—"}</TableCell>
                  <TableCell className="font-mono text-xs">{r.action}</TableCell>
                  <TableCell className="text-xs">{r.objectType}</TableCell>
                  <TableCell className="max-w-64 text-xs break-words whitespace-normal">{describe(r.before)}</TableCell>
                  <TableCell className="max-w-64 text-xs break-words whitespace-normal">{describe(r.after)}</TableCell>
                  <TableCell className="text-xs" title={r.userAgent ?? undefined}>
                    {r.ip ?? "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </div>
  );
}
