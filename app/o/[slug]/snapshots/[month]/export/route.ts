import { orgActions } from "@/server/actions";
import { runOrgAction } from "@/server/org-action";

export const dynamic = "force-dynamic";

const statusOf = { invalid_input: 400, unauthenticated: 401, not_found: 404, forbidden: 404, conflict: 409 } as const;

/** The snapshot's tenant table as CSV (every matching tenant, with the page's search and filters). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; month: string }> }) {
  const { slug, month } = await params;
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const res = await runOrgAction(orgActions["snapshots.export"], slug, { ...filter, month });
  if (!res.ok) {
    return new Response(res.error === "invalid_input" ? res.message : "Not found", {
      status: statusOf[res.error],
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(res.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tenants-${slug}-${month}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
