import type { Db } from "@/db/client";
import type { ProblemFieldError } from "@/lib/api/problem";
import { queryHasControlCharacter, CONTROL_CHARACTER_MESSAGE } from "@/lib/query-params";
import type { ActionResult } from "@/lib/form-state";
import { executeOrgAction } from "../org-action";
import { authenticateBearer } from "./authenticate";
import type { ApiAnswer, ApiOperation } from "./operation";
import { jsonResponse, problemResponse, unauthenticated } from "./respond";

export const API_BASE = "/api/v1";

type Match = { op: ApiOperation; params: Record<string, string> };

/** The operation whose path template matches `path` (under /api/v1) and its path parameters. */
export function matchOperations(ops: readonly ApiOperation[], path: string): Match[] {
  const segments = path.split("/").filter(Boolean);
  const out: Match[] = [];
  for (const op of ops) {
    const template = op.path.split("/").filter(Boolean);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = template.every((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name) {
        params[name] = decodeURIComponent(segments[i]!);
        return true;
      }
      return part === segments[i];
    });
    if (fits) out.push({ op, params });
  }
  return out;
}

/**
 * Answers one request to /api/v1/… (the Next route in app/api/v1/[...path] hands it over with the database and
 * the client's address, so tests call it directly). Only the `Authorization: Bearer` header authenticates:
 * cookies are never read here, so a browser's session cannot be ridden by another site (no CSRF to defend).
 */
export async function handleApiRequest(
  ops: readonly ApiOperation[],
  db: Db,
  request: Request,
  meta: { ip: string; userAgent: string | null },
): Promise<Response> {
  const url = new URL(request.url);
  const instance = url.pathname;
  const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) : url.pathname;
  let matches: Match[];
  try {
    matches = matchOperations(ops, path);
  } catch {
    return problemResponse("invalid_request", "The address is not well formed.", { instance });
  }
  if (matches.length === 0) return problemResponse("not_found", "There is no such API address.", { instance });
  const match = matches.find((m) => m.op.method === request.method);
  if (!match) {
    const allow = [...new Set(matches.map((m) => m.op.method))].join(", ");
    return problemResponse("method_not_allowed", `Use ${allow} on this address.`, {
      instance,
      headers: { Allow: allow },
    });
  }

  const auth = await authenticateBearer(db, request.headers.get("authorization"), meta.ip);
  if (!auth.ok) {
    if (auth.reason === "rate_limited")
      return problemResponse("rate_limited", auth.detail, {
        instance,
        headers: { "Retry-After": String(auth.retryAfterSeconds ?? 60) },
      });
    return unauthenticated(auth.detail, auth.reason === "invalid", instance);
  }

  if (queryHasControlCharacter(url.searchParams))
    return problemResponse("invalid_request", CONTROL_CHARACTER_MESSAGE, { instance });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
  const input: Record<string, unknown> = { ...query, ...match.params };
  if (match.op.body) {
    try {
      input.body = await request.json();
    } catch {
      return problemResponse("invalid_request", "The body must be JSON.", { instance });
    }
  }

  const ctx = { db, session: null, ip: meta.ip, userAgent: meta.userAgent, token: auth.token };
  const result = (await executeOrgAction(match.op.action, ctx, match.params.slug, input)) as ActionResult<
    ApiAnswer<unknown>
  >;
  if (!result.ok) return refusal(result, match.op, instance);
  const headers: Record<string, string> = {};
  if (result.data.nextCursor) {
    const next = new URL(url);
    next.searchParams.set("cursor", result.data.nextCursor);
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  // The response schema shapes the answer (unknown fields are dropped), as the OpenAPI document describes it.
  return jsonResponse(match.op.response.parse(result.data.body), match.op.status, headers);
}

function refusal(res: Extract<ActionResult<unknown>, { ok: false }>, op: ApiOperation, instance: string): Response {
  switch (res.error) {
    case "invalid_input": {
      const errors: ProblemFieldError[] = Object.entries(res.fieldErrors ?? {}).flatMap(([name, messages]) =>
        (messages ?? []).map((message) => ({ name, in: placeOf(op, name), message })),
      );
      const detail = errors.map((e) => `${e.name}: ${e.message}`).join(" ") || res.message;
      return problemResponse("invalid_request", detail, { instance, errors });
    }
    case "unauthenticated":
      return unauthenticated(res.message, true, instance);
    case "forbidden":
      return problemResponse("forbidden", res.message, { instance });
    case "conflict":
      return problemResponse("conflict", res.message, { instance });
    default:
      return problemResponse("not_found", res.message, { instance });
  }
}

function placeOf(op: ApiOperation, name: string): ProblemFieldError["in"] {
  if (name === "body") return "body";
  return name in op.params.shape ? "path" : "query";
}
