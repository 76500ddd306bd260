import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-path";

describe("callbackUrl reduced to a same-origin path", () => {
  it("keeps a plain path with its query", () => {
    expect(safeCallbackPath("/o/contoso/members?tab=1")).toBe("/o/contoso/members?tab=1");
  });

  it.each([
    ["absolute URL", "https://evil.example/o/x"],
    ["localhost URL", "http://localhost:3000/o/x"],
    ["protocol-relative", "//evil.example/path"],
    ["backslash trick", "/\\evil.example"],
    ["javascript scheme", "javascript:alert(1)"],
    ["relative without slash", "o/contoso"],
    ["control character", "/o/x\n"],
    ["empty", ""],
  ])("refuses a %s", (_name, value) => {
    expect(safeCallbackPath(value, "/fallback")).toBe("/fallback");
  });

  it("refuses non-strings", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a"])).toBe("/");
  });
});
