import { exportSnapshotTenantsAction } from "@/server/actions/snapshot-exports";
import { actionRefusal } from "@/server/http/action-refusal";
import { refuseCrossSiteDownload } from "@/server/http/same-origin";
import { runOrgAction } from "@/server/org-action";

export const dynamic = "force-dynamic";

/** The snapshot's tenant table as CSV (every matching tenant, with the page's search and filters). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; month: string }> }) {
  const crossSite = refuseCrossSiteDownload(request);
  if (crossSite) return crossSite;
  const { slug, month } = await params;
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const res = await runOrgAction(exportSnapshotTenantsAction, slug, { ...filter, month });
  if (!res.ok) return actionRefusal(res);
  return new Response(res.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tenants-${slug}-${month}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
