import { describe, expect, it } from "vitest";
import { problem, PROBLEM_TYPES } from "./problem";

describe("problem details (RFC 9457)", () => {
  it("carry type, title, status and detail, with the status of their type", () => {
    expect(problem("not_found", "There is no snapshot for this month.", { instance: "/api/v1/orgs/x" })).toEqual({
      type: "/api-docs#problem-not_found",
      title: "Not found",
      status: 404,
      detail: "There is no snapshot for this month.",
      instance: "/api/v1/orgs/x",
    });
  });

  it("name the wrong parameters in `errors`", () => {
    const p = problem("invalid_request", "month: Use the form YYYY-MM.", {
      errors: [{ name: "month", in: "path", message: "Use the form YYYY-MM." }],
    });
    expect(p.status).toBe(400);
    expect(p.errors).toEqual([{ name: "month", in: "path", message: "Use the form YYYY-MM." }]);
  });

  it("give each type its own status and title", () => {
    const statuses = Object.values(PROBLEM_TYPES).map((t) => t.status);
    expect(new Set(statuses).size).toBe(statuses.length);
    expect(PROBLEM_TYPES.unauthenticated.status).toBe(401);
    expect(PROBLEM_TYPES.rate_limited.status).toBe(429);
  });
});
