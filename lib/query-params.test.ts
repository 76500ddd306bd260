import { describe, expect, it } from "vitest";
import { z } from "zod";
import { auditFilterSchema } from "./audit/filter";
import { hasControlCharacter, queryHasControlCharacter, queryParams } from "./query-params";
import { parseTenantQuery, tenantQuerySchema } from "./tenant-query";

describe("control characters in query strings", () => {
  it("finds NUL, tab, newline, escape, DEL and C1 characters, and nothing in ordinary text", () => {
    for (const bad of ["a\u0000", "\t", "a\nb", "\r", "\u001b[0m", "\u007f", "\u0085", "\u009f"]) {
      expect(hasControlCharacter(bad), JSON.stringify(bad)).toBe(true);
    }
    for (const good of ["", "Contoso, Ltd", "Zürich – 東京", "100%", "a+b=c", "\u00a0"]) {
      expect(hasControlCharacter(good), good).toBe(false);
    }
    expect(queryHasControlCharacter(new URLSearchParams("action=a%00"))).toBe(true);
    expect(queryHasControlCharacter(new URLSearchParams("a%0A=1"))).toBe(true);
    expect(queryHasControlCharacter(new URLSearchParams("q=contoso&page=2"))).toBe(false);
  });

  it("fails a wrapped schema on the field that holds one, even when the field would fall back to a default", () => {
    const schema = queryParams(z.object({ q: z.string().catch("") }));
    const res = schema.safeParse({ q: "a\u0000" });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(["q"]);
    expect(schema.parse({ q: "plain" })).toEqual({ q: "plain" });
  });

  it("is part of the audit filter and the tenant table's query", () => {
    expect(auditFilterSchema.safeParse({ action: "a\u0000" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ action: "org.rename" }).success).toBe(true);
    expect(tenantQuerySchema.safeParse({ q: "fab\u0000" }).success).toBe(false);
    // The page itself never fails: it shows the defaults (proxy.ts answers such an address with 400 first).
    expect(parseTenantQuery({ q: "fab\u0000", sort: "acr" })).toMatchObject({ q: "", sort: "name" });
  });
});
