import { getDb } from "@/db/client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import type { ActionContext } from "../org-action";
import { authenticateBearer } from "./authenticate";
import { problemResponse, unauthenticated } from "./respond";

/**
 * The caller of an upload route (app/o/[slug]/imports/upload): a person's session, as for the Imports page, or,
 * when the request has an `Authorization` header, an API token and nothing else (the cookie is then ignored).
 * The same routes, limits and actions serve both, so an upload by script is the page's upload (issue 16).
 */
export async function uploadCaller(request: Request): Promise<{ ctx: ActionContext } | { refused: Response }> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) {
    const { requestActionContext } = await import("../request-context");
    return { ctx: await requestActionContext() };
  }
  const db = await getDb();
  const ip = clientIpFrom(request.headers);
  const auth = await authenticateBearer(db, authorization, ip);
  if (!auth.ok) {
    const refused =
      auth.reason === "rate_limited"
        ? problemResponse("rate_limited", auth.detail, { headers: { "Retry-After": String(auth.retryAfterSeconds) } })
        : unauthenticated(auth.detail, auth.reason === "invalid");
    refused.headers.set("Tus-Resumable", "1.0.0");
    return { refused };
  }
  const userAgent = request.headers.get("user-agent")?.slice(0, 500) ?? null;
  return { ctx: { db, session: null, ip, userAgent, token: auth.token } };
}
