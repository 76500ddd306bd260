import { orgActions } from "@/server/actions";
import { runOrgAction } from "@/server/org-action";

export const dynamic = "force-dynamic";

const statusOf = { invalid_input: 400, unauthenticated: 401, not_found: 404, forbidden: 404, conflict: 409 } as const;

/** Net adds, qualifying tenants and points of every data month as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const res = await runOrgAction(orgActions["trends.export"], slug, {});
  if (!res.ok) {
    return new Response("Not found", {
      status: statusOf[res.error],
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(res.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="trends-${slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
