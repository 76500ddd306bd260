import { z } from "zod";
import type { Db } from "@/db/client";
import type { Permission } from "@/lib/permissions";
import { defineOrgAction, type OrgActionDefinition, type OrgActionScope } from "../org-action";

/**
 * One operation of the REST API v1 (issue 16): its address, the zod schemas that validate its path, query and
 * body and shape its answer, and its handler. The SAME schemas validate requests (server/api/dispatch.ts) and
 * write the OpenAPI document (lib/api/openapi.ts), so the document cannot drift from the code.
 *
 * Each operation is an organisation action (server/org-action.ts) named `api.<operationId>`: the wrapper decides
 * who may call it from the database (token → organisation → role → permission), and audits it once per caller,
 * route and UTC day (a BI tool polling every minute must not flood the log; the token's use count and last use
 * say how often). Register a new operation in ./operations/index.ts and give it a row in the access matrices.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler answers: the body (shaped by `response`), and for lists the next page's cursor. */
export type ApiAnswer<B> = { body: B; nextCursor?: string | null };

export type ApiOperation = {
  operationId: string;
  method: HttpMethod;
  /** Under /api/v1, with `{name}` for path parameters; always starts with /orgs/{slug}. */
  path: string;
  summary: string;
  description: string;
  tag: string;
  permission: Permission;
  params: z.ZodObject;
  query: z.ZodObject | null;
  body: z.ZodType | null;
  response: z.ZodType;
  /** The status of a successful answer. */
  status: 200 | 201;
  /** Problem statuses the operation can answer besides 400, 401, 404 and 429 (which every operation can). */
  problems: number[];
  action: OrgActionDefinition<z.ZodType, ApiAnswer<unknown>>;
};

export function defineApiOperation<P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType, R>(op: {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description: string;
  tag: string;
  permission: Permission;
  params: P;
  query?: Q;
  body?: B;
  response: z.ZodType<R>;
  status?: 200 | 201;
  problems?: number[];
  handler: (tx: Db, scope: OrgActionScope<z.output<P> & z.output<Q> & { body: z.output<B> }>) => Promise<ApiAnswer<R>>;
}): ApiOperation {
  const input = op.params.extend({
    ...(op.query?.shape ?? {}),
    ...(op.body ? { body: op.body } : {}),
  });
  const action = defineOrgAction({
    name: `api.${op.operationId}`,
    permission: op.permission,
    tokens: true,
    input,
    handler: async (tx, scope) => {
      const answer = await op.handler(tx, scope as Parameters<typeof op.handler>[1]);
      return {
        result: answer,
        audit: {
          objectType: "api",
          objectId: `${op.method} /api/v1${op.path}`,
          after: { slug: scope.org.slug },
          oncePerDay: op.method === "GET",
        },
      };
    },
  });
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    summary: op.summary,
    description: op.description,
    tag: op.tag,
    permission: op.permission,
    params: op.params,
    query: op.query ?? null,
    body: op.body ?? null,
    response: op.response,
    status: op.status ?? 200,
    problems: op.problems ?? [],
    action: action as unknown as OrgActionDefinition<z.ZodType, ApiAnswer<unknown>>,
  };
}
