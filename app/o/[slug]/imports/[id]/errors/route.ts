import { exportImportErrorsAction } from "@/server/actions/imports";
import { actionRefusal } from "@/server/http/action-refusal";
import { refuseCrossSiteDownload } from "@/server/http/same-origin";
import { runOrgAction } from "@/server/org-action";

export const dynamic = "force-dynamic";

/** The rejected file's errors as CSV. Non-members and unknown ids get the same 404. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  const crossSite = refuseCrossSiteDownload(request);
  if (crossSite) return crossSite;
  const { slug, id } = await params;
  const res = await runOrgAction(exportImportErrorsAction, slug, { importId: id });
  if (!res.ok) return actionRefusal(res);
  const name = res.data.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_");
  return new Response(res.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-errors.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
