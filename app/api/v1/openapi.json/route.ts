import { openApiDocument } from "@/lib/api/openapi";
import { API_VERSION } from "@/server/api/version";
import { apiOperations } from "@/server/api/operations";

/** The OpenAPI 3.1 document of the REST API, written from the operations' zod schemas. Public: it holds no data. */
export function GET() {
  return Response.json(openApiDocument(apiOperations, { version: API_VERSION }), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
