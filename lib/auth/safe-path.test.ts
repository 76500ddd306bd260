import { describe, expect, it } from "vitest";
import { OPEN_REDIRECT_PAYLOADS } from "./redirect-corpus";
import { safeCallbackPath } from "./safe-path";

const PORTAL = "https://portal.example";

/** Where a browser goes when it follows `Location: <path>` from the portal, tabs and newlines stripped as browsers do. */
function browserTarget(location: string): URL {
  return new URL(location.replace(/[\t\n\r]/g, ""), PORTAL);
}

describe("callbackUrl reduced to a same-origin path", () => {
  it("keeps a plain path with its query and fragment", () => {
    expect(safeCallbackPath("/o/contoso/members?tab=1")).toBe("/o/contoso/members?tab=1");
    expect(safeCallbackPath("/o/contoso/snapshots/2026-10?q=a%2Fb#top")).toBe(
      "/o/contoso/snapshots/2026-10?q=a%2Fb#top",
    );
  });

  it(`keeps every one of ${OPEN_REDIRECT_PAYLOADS.length} open-redirect payloads on the portal`, () => {
    expect(OPEN_REDIRECT_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    for (const payload of OPEN_REDIRECT_PAYLOADS) {
      const out = safeCallbackPath(payload, "/home");
      const target = browserTarget(out);
      expect(target.host, `${JSON.stringify(payload)} → ${JSON.stringify(out)}`).toBe("portal.example");
      expect(out.startsWith("/") && !out.startsWith("//") && !out.includes("\\"), JSON.stringify(payload)).toBe(true);
    }
  });

  it.each([
    ["dot segment before a double slash (issue 12)", "/.//evil.example"],
    ["encoded dot segment (issue 12)", "/%2e//evil.example"],
    ["parent segment", "/a/..//evil.example"],
    ["protocol-relative", "//evil.example/path"],
    ["backslash trick", "/\\evil.example"],
    ["encoded backslash", "/%5cevil.example"],
    ["encoded slashes", "/%2f%2fevil.example"],
    ["tab inside the slashes", "/\t/evil.example"],
    ["absolute URL", "https://evil.example/o/x"],
    ["javascript scheme", "javascript:alert(1)"],
    ["userinfo", "//user@evil.example"],
    ["relative without slash", "o/contoso"],
    ["empty", ""],
  ])("refuses a %s", (_name, value) => {
    expect(safeCallbackPath(value, "/fallback")).toBe("/fallback");
  });

  it("refuses non-strings", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a"])).toBe("/");
  });
});
