import { exportAuditLogAction } from "@/server/actions/audit";
import { actionRefusal } from "@/server/http/action-refusal";
import { refuseCrossSiteDownload } from "@/server/http/same-origin";
import { runOrgAction } from "@/server/org-action";

/** The audit log as CSV, through the same wrapper and permission check as every action (and itself audited). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const crossSite = refuseCrossSiteDownload(request);
  if (crossSite) return crossSite;
  const { slug } = await params;
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const res = await runOrgAction(exportAuditLogAction, slug, filter);
  if (!res.ok) return actionRefusal(res);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(res.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
