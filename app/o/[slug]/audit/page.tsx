import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { auditFacets, auditPeople, countAudit, listAudit } from "@/db/queries/audit-log";
import { auditFilterSchema, toAuditFilter } from "@/lib/audit/filter";
import { actionLabel, auditSentence, fieldLabel, fieldValue, originLabel } from "@/lib/audit/sentence";
import { count, formatNumber } from "@/lib/format";
import { formatTimestamp } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 100;
const selectClass =
  "h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Before and after, field by field, for the details view. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return null;
  return (
    <table className="text-xs">
      <thead>
        <tr className="text-left text-muted-foreground">
          <th className="pr-4 font-normal">Field</th>
          <th className="pr-4 font-normal">Before</th>
          <th className="font-normal">After</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k} className="align-top">
            <th scope="row" className="pr-4 text-left font-normal text-muted-foreground">
              {fieldLabel(k)}
            </th>
            <td className="pr-4 break-words">{before === null || before === undefined ? "—" : fieldValue(b[k])}</td>
            <td className="break-words">{after === null || after === undefined ? "—" : fieldValue(a[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
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
  const people = await auditPeople(db, [
    ...rows.map((r) => r.actorUserId),
    ...rows.filter((r) => r.objectType === "membership").map((r) => r.objectId),
  ]);
  const actorName = (r: (typeof rows)[number]) =>
    (r.actorUserId && people.get(r.actorUserId)) || r.actorEmail || "The portal";
  const query = new URLSearchParams(Object.entries(input).filter(([, v]) => v) as [string, string][]).toString();

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="text-sm text-muted-foreground">
            Every change in {org.name}, newest first. Open an entry&apos;s details for before and after. Entries cannot
            be edited.
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
                    {actionLabel(a)}
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
            Showing {formatNumber(rows.length)} of {count(total, "entry", "entries")}, newest first.
          </p>
          <Table aria-label="Audit entries">
            <TableHeader>
              <TableRow>
                <TableHead>When (UTC)</TableHead>
                <TableHead>What happened</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} className="align-top">
                  <TableCell className="whitespace-nowrap tabular-nums">{formatTimestamp(r.createdAt)}</TableCell>
                  <TableCell className="whitespace-normal">
                    <p data-testid="audit-sentence">
                      {auditSentence(r, {
                        actor: actorName(r),
                        object: r.objectType === "membership" && r.objectId ? people.get(r.objectId) : null,
                      })}
                      .
                    </p>
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-muted-foreground">Details</summary>
                      <div className="mt-2 grid gap-2">
                        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                          <dt className="text-muted-foreground">Action</dt>
                          <dd>
                            {actionLabel(r.action)} <span className="text-muted-foreground">({r.action})</span>
                          </dd>
                          <dt className="text-muted-foreground">By</dt>
                          <dd>{r.actorEmail ?? "The portal (background job)"}</dd>
                          <dt className="text-muted-foreground">From</dt>
                          <dd>{originLabel(r.ip)}</dd>
                          {r.userAgent ? (
                            <>
                              <dt className="text-muted-foreground">Browser</dt>
                              <dd className="break-words">{r.userAgent}</dd>
                            </>
                          ) : null}
                        </dl>
                        <Changes before={r.before} after={r.after} />
                      </div>
                    </details>
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
