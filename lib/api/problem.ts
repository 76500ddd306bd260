/**
 * Problem details (RFC 9457) for every error of the REST API: `type` names the kind of problem (a URI that
 * resolves to the list of problem types on the API reference page, /api-docs), `title` is the same for every occurrence of that type,
 * `detail` says what happened this time. Extension members: `errors` (which parameters were wrong).
 */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const PROBLEM_TYPES = {
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  invalid_request: { status: 400, title: "Invalid request" },
  too_large: { status: 413, title: "Payload too large" },
  rate_limited: { status: 429, title: "Too many requests" },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;
export type ProblemFieldError = { name: string; in: "path" | "query" | "body"; message: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemFieldError[];
};

/** The documentation anchor each problem type points to. */
export const problemTypeUri = (type: ProblemType) => `/api-docs#problem-${type}`;

export function problem(
  type: ProblemType,
  detail: string,
  extra: { instance?: string; errors?: ProblemFieldError[] } = {},
): Problem {
  const { status, title } = PROBLEM_TYPES[type];
  return { type: problemTypeUri(type), title, status, detail, ...extra };
}
