import { getDb } from "@/db/client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { handleApiRequest } from "@/server/api/dispatch";
import { apiOperations } from "@/server/api/operations";

export const dynamic = "force-dynamic";

/**
 * The REST API v1 (docs/api.md): one route that hands every request to the dispatcher, which matches it to a
 * registered operation (server/api/operations). Outside proxy.ts's matcher (`api/`): no session, no CSP; only
 * the Bearer token counts. The client's address comes from the server's stamp (server/peer-address.ts).
 */
async function handle(request: Request): Promise<Response> {
  return handleApiRequest(apiOperations, await getDb(), request, {
    ip: clientIpFrom(request.headers),
    userAgent: request.headers.get("user-agent")?.slice(0, 500) ?? null,
  });
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
