import { PROBLEM_CONTENT_TYPE, problem, type ProblemFieldError, type ProblemType } from "@/lib/api/problem";

/** HTTP answers of the REST API: JSON bodies, and problem details (RFC 9457) for every error. */

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...NO_STORE, ...headers },
  });
}

export function problemResponse(
  type: ProblemType,
  detail: string,
  options: { instance?: string; errors?: ProblemFieldError[]; headers?: Record<string, string> } = {},
): Response {
  const body = problem(type, detail, { instance: options.instance, errors: options.errors });
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...NO_STORE, ...options.headers },
  });
}

/** RFC 6750: a 401 names the scheme, and says the token was refused when one was sent. */
export function unauthenticated(detail: string, tokenSent: boolean, instance?: string): Response {
  const challenge = tokenSent ? 'Bearer realm="pcp", error="invalid_token"' : 'Bearer realm="pcp"';
  return problemResponse("unauthenticated", detail, { instance, headers: { "WWW-Authenticate": challenge } });
}
