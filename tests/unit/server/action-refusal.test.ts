import { describe, expect, it } from "vitest";
import { actionRefusal, REFUSAL_STATUS } from "@/server/http/action-refusal";

describe("an action's refusal as HTTP", () => {
  it("agrees with the pages: 404 for what a non-member asks, 403 for a member without the permission", () => {
    expect(REFUSAL_STATUS).toEqual({
      invalid_input: 400,
      unauthenticated: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
    });
  });

  it("answers plain text with the fields' own messages for invalid input", async () => {
    const res = actionRefusal({
      ok: false,
      error: "invalid_input",
      message: "Please correct the highlighted fields.",
      fieldErrors: { month: ["Use the form YYYY-MM."] },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("Use the form YYYY-MM.");
  });

  it("answers { error } JSON with the caller's headers when asked", async () => {
    const res = actionRefusal(
      { ok: false, error: "forbidden", message: "Your role in this organisation does not allow this." },
      { json: true, headers: new Headers({ "Tus-Resumable": "1.0.0" }) },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("tus-resumable")).toBe("1.0.0");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: "Your role in this organisation does not allow this." });
  });
});
