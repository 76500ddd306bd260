import { orgActions } from "@/server/actions";
import { runOrgAction } from "@/server/org-action";

const statusOf = { invalid_input: 400, unauthenticated: 401, not_found: 404, forbidden: 404, conflict: 409 } as const;

/** The audit log as CSV, through the same wrapper and permission check as every action (and itself audited). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const res = await runOrgAction(orgActions["audit.export"], slug, filter);
  if (!res.ok) {
    return new Response(res.error === "invalid_input" ? res.message : "Not found", {
      status: statusOf[res.error],
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const date = new Date().toISOString().slice(0, 10);
  return new Response(res.data.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
