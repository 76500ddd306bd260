import { runSimulationAction } from "@/server/actions/simulations";
import { actionRefusal } from "@/server/http/action-refusal";
import { refuseCrossOrigin } from "@/server/http/same-origin";
import { runOrgAction } from "@/server/org-action";

export const dynamic = "force-dynamic";

/** A scenario is a few hundred changes at most: far below this. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * Runs a what-if scenario for the simulator page (every edit calls it), through the organisation action wrapper:
 * session, membership and role from the database on every call; a non-member gets 404. JSON in, JSON out (the
 * action's result); a route handler rather than a server action so the page's hot path is plain HTTP, measured
 * by `npm run bench` (BENCH_SECTIONS=simulate).
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const crossOrigin = refuseCrossOrigin(request);
  if (crossOrigin) return crossOrigin;
  const { slug } = await params;
  const text = await request.text();
  let input: unknown = null;
  if (text.length <= MAX_BODY_BYTES) {
    try {
      input = JSON.parse(text);
    } catch {
      input = null;
    }
  }
  const res = await runOrgAction(runSimulationAction, slug, input);
  if (!res.ok) return actionRefusal(res, { json: true });
  return Response.json(res, { headers: { "Cache-Control": "no-store" } });
}
