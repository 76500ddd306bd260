import { afterEach, describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, NONCE_LENGTH, nonceOf } from "@/server/http/csp";
import { isSameOriginRequest, isSameSiteNavigation, refuseCrossOrigin } from "@/server/http/same-origin";
import { headersWithNonce, offsetsOf, withNonce } from "@/server/page-cache/nonce";

const headers = (h: Record<string, string>) => new Headers(h);

describe("same-origin checks for requests that change something", () => {
  afterEach(() => {
    delete process.env.AUTH_URL;
  });

  it("lets the portal's own pages through", () => {
    expect(
      isSameOriginRequest(
        headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }),
      ),
    ).toBe(true);
    // Behind a proxy, as Next's server-action check: the forwarded host.
    expect(
      isSameOriginRequest(
        headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "portal.example.com",
          origin: "https://portal.example.com",
        }),
      ),
    ).toBe(true);
    process.env.AUTH_URL = "https://portal.example.com";
    expect(isSameOriginRequest(headers({ host: "10.0.0.5:3000", origin: "https://portal.example.com" }))).toBe(true);
  });

  it("refuses another port of the same site, another site, an opaque origin and cross-site fetch metadata", () => {
    const host = "127.0.0.1:3000";
    const cases: Record<string, string>[] = [
      { host, origin: "http://127.0.0.1:4000", "sec-fetch-site": "same-site" },
      { host, origin: "http://127.0.0.1:4000" },
      { host, origin: "https://evil.example" },
      { host, origin: "null" },
      { host, origin: "not a url" },
      { host, "sec-fetch-site": "cross-site" },
      { host, "sec-fetch-site": "same-site" },
      // A matching Origin does not excuse cross-site fetch metadata.
      { host, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-site" },
    ];
    for (const h of cases) {
      expect(isSameOriginRequest(headers(h)), JSON.stringify(h)).toBe(false);
      expect(refuseCrossOrigin({ headers: headers(h) })?.status).toBe(403);
    }
  });

  it("lets a client that is not a browser through to the usual session checks", () => {
    expect(isSameOriginRequest(headers({ host: "127.0.0.1:3000" }))).toBe(true);
  });

  it("lets downloads start from the portal or the address bar, not from another site", () => {
    expect(isSameSiteNavigation(headers({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameSiteNavigation(headers({ "sec-fetch-site": "none" }))).toBe(true);
    expect(isSameSiteNavigation(headers({}))).toBe(true);
    expect(isSameSiteNavigation(headers({ "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameSiteNavigation(headers({ "sec-fetch-site": "cross-site" }))).toBe(false);
  });
});

describe("Content-Security-Policy", () => {
  it("allows scripts only by a fresh nonce, never 'unsafe-inline'", () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).not.toBe(b);
    expect(a).toHaveLength(NONCE_LENGTH);
    const policy = contentSecurityPolicy(a, false);
    const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).toContain(`'nonce-${a}'`);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(nonceOf(policy)).toBe(a);
  });

  it("a kept page gets each response's own nonce written where the render's was", () => {
    const old = newNonce();
    const html = `<script nonce="${old}">1</script><p>ü</p><script nonce="${old}" src="/a.js"></script>`;
    const link: [string, string] = ["link", `</a.css>; rel=preload; as="style"; nonce="${old}"`];
    const page = { status: 200, headers: [link], body: new TextEncoder().encode(html) };
    const kept = { ...page, nonce: { value: old, offsets: offsetsOf(page.body, old) } };
    expect(kept.nonce.offsets).toHaveLength(2);
    const fresh = newNonce();
    const served = new TextDecoder().decode(withNonce(kept, fresh));
    expect(served).toBe(html.replaceAll(old, fresh));
    expect(headersWithNonce(kept, fresh).get("link")).toBe(`</a.css>; rel=preload; as="style"; nonce="${fresh}"`);
    // The kept copy itself is unchanged, for the next response.
    expect(new TextDecoder().decode(kept.body)).toBe(html);
  });
});
