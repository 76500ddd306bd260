import { exportTrendsAction } from "@/server/actions/snapshot-exports";
import { actionRefusal } from "@/server/http/action-refusal";
import { refuseCrossSiteDownload } from "@/server/http/same-origin";
import { runOrgAction } from "@/server/org-action";

export const dynamic = "force-dynamic";

/** Net adds, qualifying tenants and points of every data month as CSV. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const crossSite = refuseCrossSiteDownload(request);
  if (crossSite) return crossSite;
  const { slug } = await params;
  const res = await runOrgAction(exportTrendsAction, slug, {});
  if (!res.ok) return actionRefusal(res);
  return new Response(res.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="trends-${slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
