import { describe, expect, it } from "vitest";
import { portalQueryName, queryTextFor, DEFAULT_QUERIES } from "./default-queries";
import { executionState, executionsResponseSchema, tokenResponseSchema } from "./insights-schemas";
import { pollDelayMs, retryAfterMs, retryDelayMs } from "./retry";
import { describeTokenFailure } from "./token-errors";

describe("Entra ID token failures", () => {
  it("names the cause from the AADSTS code", () => {
    expect(describeTokenFailure(400, { error: "invalid_request", error_codes: [90002] }).kind).toBe("wrong_tenant");
    expect(describeTokenFailure(400, { error: "unauthorized_client", error_codes: [700016] }).kind).toBe(
      "wrong_client",
    );
    expect(describeTokenFailure(401, { error: "invalid_client", error_codes: [7000215] }).kind).toBe("wrong_secret");
    expect(describeTokenFailure(401, { error: "invalid_client", error_codes: [7000222] }).kind).toBe("secret_expired");
  });

  it("reads the code from the description when error_codes is absent, and names an unknown one as it is", () => {
    expect(
      describeTokenFailure(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret" })
        .kind,
    ).toBe("wrong_secret");
    expect(describeTokenFailure(400, { error: "x", error_codes: [50999] }).message).toMatch(/AADSTS50999/);
    expect(describeTokenFailure(502, null).message).toMatch(/HTTP 502/);
  });
});

describe("retries and polling", () => {
  it("honours Retry-After in seconds or as a date, up to an hour", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000 + 5_000).toUTCString(), 10_000)).toBe(5000);
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
    expect(retryDelayMs(1, 120_000)).toBe(120_000);
    expect(retryDelayMs(1, 10 * 3600_000)).toBe(3600_000);
  });

  it("backs off exponentially without Retry-After, to a minute", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, null))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(20, null)).toBe(60_000);
  });

  it("polls a running execution after 30 s, then doubling up to 15 minutes", () => {
    expect([0, 1, 2].map((n) => pollDelayMs(n))).toEqual([30_000, 60_000, 120_000]);
    expect(pollDelayMs(30)).toBe(15 * 60_000);
  });
});

describe("Microsoft's answers", () => {
  it("accepts the documented PascalCase and the service's camelCase", () => {
    const pascal = executionsResponseSchema.parse({
      Value: [{ ExecutionId: "e", ReportId: "r", ExecutionStatus: "Completed", ReportAccessSecureLink: "https://x" }],
      TotalCount: 1,
    });
    const camel = executionsResponseSchema.parse({
      value: [{ executionId: "e", reportId: "r", executionStatus: "Completed", reportAccessSecureLink: "https://x" }],
    });
    expect(pascal.value[0]).toEqual(camel.value[0]);
  });

  it("refuses an answer without the fields the portal uses", () => {
    expect(executionsResponseSchema.safeParse({ value: [{ reportId: "r" }] }).success).toBe(false);
    expect(tokenResponseSchema.safeParse({ token_type: "Bearer" }).success).toBe(false);
    expect(tokenResponseSchema.parse({ access_token: "t", expires_in: "3599" }).expires_in).toBe(3599);
  });

  it("maps execution statuses to what the run does", () => {
    expect(executionState("Completed")).toBe("done");
    expect(executionState("Pending")).toBe("waiting");
    expect(executionState("Running")).toBe("waiting");
    expect(executionState("Failed")).toBe("failed");
    expect(executionState("Paused")).toBe("failed");
  });
});

describe("report queries", () => {
  it("uses the organisation's text when set, else the default", () => {
    expect(queryTextFor("azure", "  ")).toBe(DEFAULT_QUERIES.azure);
    expect(queryTextFor("m365", " SELECT a FROM B ")).toBe("SELECT a FROM B");
  });

  it("names a query by source and text, so a changed text is a new query", () => {
    expect(portalQueryName("azure", "abcdef0123456789")).toBe("pcp-azure-abcdef012345");
  });
});
