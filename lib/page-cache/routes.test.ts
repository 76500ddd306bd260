import { describe, expect, it } from "vitest";
import { isSlug, slugCandidate, slugify } from "../slug";
import { cachedPageOf, isDocumentRequest } from "./routes";

describe("cachedPageOf", () => {
  it("names the dashboard and a snapshot month's page, keeping the query string for the key", () => {
    expect(cachedPageOf("/o/contoso")).toEqual({ name: "dashboard", slug: "contoso", path: "/o/contoso" });
    expect(cachedPageOf("/o/contoso-2/snapshots/2026-10?q=fab&sort=acr&page=3")).toEqual({
      name: "snapshot",
      slug: "contoso-2",
      path: "/o/contoso-2/snapshots/2026-10?q=fab&sort=acr&page=3",
    });
  });

  it("leaves every other page to render per request", () => {
    for (const path of [
      "/o/contoso/",
      "/o/contoso/imports",
      "/o/contoso/snapshots",
      "/o/contoso/snapshots/compare?a=2026-09&b=2026-10",
      "/o/contoso/snapshots/2026-13",
      "/o/contoso/tenants/0b3c",
      "/o/Contoso",
      "/o/-contoso",
      "/o/contoso--ltd",
      "/o/contoso/snapshots/0000-10",
      "//evil.example/o/contoso",
      "o/contoso",
      "/account/password",
      "/",
    ]) {
      expect(cachedPageOf(path), path).toBeNull();
    }
  });

  it("takes exactly the slugs lib/slug.ts makes and accepts, the longest with a suffix included", () => {
    const long = slugCandidate(slugify("x".repeat(80)), 12);
    for (const slug of ["a", "contoso", "contoso-2", "a1-b2-c3", long, slugify("Fabrikam, Inc. — Zürich")]) {
      expect(isSlug(slug), slug).toBe(true);
      expect(cachedPageOf(`/o/${slug}`)?.slug, slug).toBe(slug);
    }
    for (const slug of ["a--b", "a-", "ä", "a_b", "x".repeat(57)]) {
      expect(isSlug(slug), slug).toBe(false);
      expect(cachedPageOf(`/o/${slug}`), slug).toBeNull();
    }
  });
});

describe("isDocumentRequest", () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
  it("is a plain GET, not the router's RSC payloads, prefetches or server actions", () => {
    expect(isDocumentRequest("GET", headers({ accept: "text/html" }))).toBe(true);
    expect(isDocumentRequest("POST", headers({}))).toBe(false);
    expect(isDocumentRequest("GET", headers({ rsc: "1" }))).toBe(false);
    expect(isDocumentRequest("GET", headers({ "next-router-prefetch": "1" }))).toBe(false);
    expect(isDocumentRequest("GET", headers({ "next-action": "abc" }))).toBe(false);
  });
});
