import { describe, expect, it } from "vitest";
import { parseTenantQuery, tenantQueryString } from "./tenant-query";

describe("tenant table search params", () => {
  it("fall back to defaults for anything unknown", () => {
    expect(parseTenantQuery({ sort: "drop table", status: "maybe", page: "-3", size: "7" })).toEqual({
      q: "",
      column: "any",
      status: "any",
      sort: "name",
      dir: "asc",
      page: 1,
      size: 50,
    });
  });

  it("keep valid values and the first of repeated ones", () => {
    const q = parseTenantQuery({
      q: "  contoso ",
      column: "azure",
      status: "gained",
      sort: "acr",
      dir: "desc",
      page: "3",
      size: ["100", "25"],
    });
    expect(q).toEqual({
      q: "contoso",
      column: "azure",
      status: "gained",
      sort: "acr",
      dir: "desc",
      page: 3,
      size: 100,
    });
  });

  it("write back only what differs from the defaults", () => {
    const q = parseTenantQuery({ q: "fab", status: "lost" });
    expect(tenantQueryString(q)).toBe("?q=fab&status=lost");
    expect(tenantQueryString(q, { page: 2 })).toBe("?q=fab&status=lost&page=2");
    expect(tenantQueryString(parseTenantQuery({}))).toBe("");
  });
});
