import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every route handler keeps its entry check (issue 12): one that changes something refuses other origins
 * (`refuseCrossOrigin`), and one that serves an audited download refuses other sites (`refuseCrossSiteDownload`).
 * A new route handler without its check fails here. Auth.js's endpoints carry Auth.js's own CSRF token.
 */
const root = path.resolve(import.meta.dirname, "../../app");
const EXEMPT = new Set(["api/auth/[...nextauth]/route.ts"]);
const AUDITED_DOWNLOADS = /\/export\/route\.ts$|\/errors\/route\.ts$/;
/**
 * The REST API (issue 16) authenticates by the Bearer header alone and never reads a cookie, so another site
 * cannot ride a browser's session there: no origin check applies, and the test below holds it to "no cookies".
 */
const BEARER_ONLY = new Set(["api/v1/[...path]/route.ts"]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(root, full)] : [];
  });
}

describe("route handler entry checks", () => {
  const files = routeFiles(root).filter((f) => !EXEMPT.has(f));

  it("finds the route handlers", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files) {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const mutating =
      /export (async )?function (POST|PUT|PATCH|DELETE)\b|export const (\{[^}]*\b)?(POST|PUT|PATCH|DELETE)\b/.test(
        source,
      );
    if (BEARER_ONLY.has(file)) {
      it(`${file} and its dispatcher read no cookie (Bearer tokens only)`, () => {
        const dispatcher = fs.readFileSync(path.resolve(root, "../server/api/dispatch.ts"), "utf8");
        for (const text of [source, dispatcher])
          expect(text).not.toMatch(/\bcookies\(|get\(["']cookie|next\/headers|\bauth\(\)/i);
      });
    } else if (mutating) {
      it(`${file} refuses other origins first`, () => {
        expect(source).toMatch(/refuseCrossOrigin\(request\)/);
      });
    }
    if (/runOrgAction\(/.test(source)) {
      // One adapter from an action's refusal to HTTP (server/http/action-refusal.ts): no route maps statuses itself.
      it(`${file} answers refusals through actionRefusal`, () => {
        expect(source).toMatch(/actionRefusal\(/);
        expect(source).not.toMatch(/\.error === "(forbidden|not_found|unauthenticated|conflict|invalid_input)"/);
      });
    }
    if (AUDITED_DOWNLOADS.test(`/${file}`)) {
      it(`${file} refuses downloads started by other sites`, () => {
        expect(source).toMatch(/refuseCrossSiteDownload\(request\)/);
      });
    }
  }
});
