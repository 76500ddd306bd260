import http from "node:http";
import { expect, test, type Page, type Response } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { auditLog, imports, memberships, organizations } from "@/db/schema";
import { scoringFixture } from "../tests/helpers/fixtures";
import { seedOrganization, signIn } from "./fixtures/accounts";
import { e2eDb } from "./fixtures/db";

/**
 * Issue 12's web findings, run as attacks against the built app: CSRF on the upload route from another port of
 * the same site, a Content-Security-Policy that let inline scripts run, NUL bytes in filters answering 500, a
 * server-action form that never answered without JavaScript, and exports that wrote an audit row per download.
 */
const portalPort = Number(process.env.E2E_PORT ?? 3100);
/** Another port of the same site (loopback): the spare port of this run (the OpenID spec's, free meanwhile). */
const otherPort = Number(process.env.E2E_OIDC_PORT ?? 3199);

/** The attacker's page, served for real from another port (Chromium treats a page answered by the test as public). */
async function servePage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(otherPort, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${otherPort}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every console error and Content-Security-Policy violation of the page, from now on. */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    // Chromium asks for /favicon.ico by itself, and the portal has none: not the page's doing.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico"))
      errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return errors;
}

function scriptSrcOf(policy: string | undefined): string {
  return (
    (policy ?? "")
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src ")) ?? ""
  );
}

/**
 * The nonce of the response's policy, checked against every script the server sent in the page's HTML. (Scripts
 * that the page's own code inserts later need no nonce: 'strict-dynamic' trusts them; a script the policy blocks
 * shows as a console error, which the spec also fails on.)
 */
async function expectNoncedPage(response: Response | null): Promise<string> {
  const scriptSrc = scriptSrcOf(response?.headers()["content-security-policy"]);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `script-src: ${scriptSrc}`).toBeTruthy();
  const tags = ((await response!.text()).match(/<script\b[^>]*>/g) ?? []).filter((tag) => {
    const type = /\btype="([^"]*)"/.exec(tag)?.[1];
    return !type || /^(text\/javascript|module|application\/javascript)$/i.test(type);
  });
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(/\bnonce="([^"]*)"/.exec(tag)?.[1], tag).toBe(nonce);
  return nonce!;
}

test("every page carries a fresh nonce policy without 'unsafe-inline' scripts, and runs under it with no console error, cached pages included", async ({
  page,
}) => {
  test.setTimeout(240_000); // an import and some twenty page loads, on a shared machine
  const { org, users } = await seedOrganization({ admin: "admin" });
  await e2eDb().update(organizations).set({ ruleSet: "security-2026" }).where(eq(organizations.id, org.id));
  const errors = watchForErrors(page);

  const signInPage = await page.goto("/sign-in");
  await expectNoncedPage(signInPage);
  await signIn(page, users.admin.email);

  // An import through the page (the file input, XMLHttpRequest upload, the status page's refresh).
  await page.goto(`/o/${org.slug}/imports`);
  await page.getByLabel("Data", { exact: true }).selectOption({ label: "Azure usage" });
  await page.getByLabel("Data month").fill("2026-10");
  await page.getByLabel("CSV file").setInputFiles(scoringFixture("exclusions-2026", "azure.csv"));
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByText(/rows stored for/)).toBeVisible({ timeout: 30_000 });

  const base = `/o/${org.slug}`;
  let snapshotPath = "";
  await expect(async () => {
    await page.goto(`${base}/snapshots`);
    snapshotPath = (await page.getByRole("link", { name: "2026-10" }).first().getAttribute("href", { timeout: 1000 }))!;
  }).toPass({ timeout: 30_000 });

  const seen = new Set<string>();
  for (const path of [base, `${base}/snapshots`, `${base}/audit`, `${base}/settings`, `${base}/members`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    seen.add(await expectNoncedPage(res));
  }

  // The rendered-page cache: a miss, then hits. Each answer's scripts carry that answer's own fresh nonce.
  for (const path of [base, snapshotPath]) {
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await page.goto(path);
      states.push(res?.headers()["x-pcp-page-cache"] ?? "none");
      seen.add(await expectNoncedPage(res));
    }
    expect(states.slice(1), path).toEqual(["hit", "hit"]);
    // Scripts ran on the cached copy: the client-side account menu opens.
    await page.getByRole("button", { name: `Account menu for ${users.admin.name}` }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toBeHidden();
  }
  expect(seen.size).toBe(11);

  // Client-side navigation and a server action under the policy.
  await page.goto(`${base}/settings`);
  await page.getByLabel("Organisation name").fill("Renamed under CSP");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Organisation renamed.")).toBeVisible();

  expect(errors).toEqual([]);
});

test("a page on another port of the same site cannot upload as the signed-in admin (CSRF)", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  const upload = `http://127.0.0.1:${portalPort}/o/${org.slug}/imports/upload?source=azure&dataMonth=2026-10&name=x.csv`;
  const evil = await servePage(`<!doctype html><title>evil</title><script>
    fetch(${JSON.stringify(upload)}, { method: "POST", mode: "no-cors", credentials: "include",
      body: "CustomerTenantId,Month,ServiceName,AssociationType,ACR_USD\\n" });
  </script>`);
  const answered = page.waitForResponse((r) => r.url() === upload);
  await page.goto(evil.url);
  const res = await answered;
  await evil.close();
  expect(res.status()).toBe(403);
  expect(await e2eDb().select().from(imports).where(eq(imports.organizationId, org.id))).toHaveLength(0);

  // A server action posted from there is refused too (the proxy holds every non-GET to one rule).
  const rename = await page
    .evaluate(
      async (url) => (await fetch(url, { method: "POST", credentials: "include", body: "x" })).status,
      `http://127.0.0.1:${portalPort}/o/${org.slug}/settings`,
    )
    .catch(() => 0);
  expect([0, 403]).toContain(rename);
});

test("NUL and other control characters in a query string answer 400, not 500", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  for (const path of [
    `/o/${org.slug}/audit?action=a%00`,
    `/o/${org.slug}/audit/export?action=a%00`,
    `/o/${org.slug}/snapshots/2026-10/export?q=a%00`,
    `/o/${org.slug}/snapshots/2026-10?q=%1b%5b2J`,
    `/o/${org.slug}?x=%7f`,
  ]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("control characters");
  }
  expect((await page.request.get(`/o/${org.slug}/audit?action=org.rename`)).status()).toBe(200);
});

test("a server-action form works without JavaScript: the plain POST answers with the page", async ({
  page,
  browser,
}) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const p = await noScript.newPage();
  await p.goto(`/o/${org.slug}/settings`);
  await p.getByLabel("Organisation name").fill("Renamed without JavaScript");
  const [answer] = await Promise.all([
    p.waitForResponse((r) => r.request().method() === "POST"),
    p.getByRole("button", { name: "Save name" }).click(),
  ]);
  expect(answer.status()).toBe(200);
  await expect(p.getByText("Organisation renamed.")).toBeVisible();
  await expect(p.getByLabel("Organisation name")).toHaveValue("Renamed without JavaScript");
  const [saved] = await e2eDb().select().from(organizations).where(eq(organizations.id, org.id));
  expect(saved!.name).toBe("Renamed without JavaScript");

  // A refused value answers with the page and the field's message.
  await p.getByLabel("Organisation name").fill("");
  await p.getByRole("button", { name: "Save name" }).click();
  await expect(p.getByRole("alert").first()).toBeVisible();
  await noScript.close();
});

test("an admin changes a role and removes a member without JavaScript: each plain POST answers with the page", async ({
  page,
  browser,
}) => {
  const { org, users } = await seedOrganization({ admin: "admin", analyst: "analyst", viewer: "viewer" });
  await signIn(page, users.admin.email);
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const p = await noScript.newPage();
  const roleOf = async (userId: string) =>
    (
      await e2eDb()
        .select()
        .from(memberships)
        .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, userId)))
    )[0]?.role;

  await p.goto(`/o/${org.slug}/members`);
  const analystRow = p.getByRole("row", { name: new RegExp(users.analyst.email) });
  await p.getByRole("combobox", { name: `Role of ${users.analyst.name}` }).selectOption({ label: "Viewer" });
  const [changed] = await Promise.all([
    p.waitForResponse((r) => r.request().method() === "POST"),
    analystRow.getByRole("button", { name: "Save role" }).click(),
  ]);
  expect(changed.status()).toBe(200);
  await expect(p.getByText("Role updated.")).toBeVisible();
  expect(await roleOf(users.analyst.id)).toBe("viewer");

  // Removing asks first (the browser's own disclosure), then the confirmation posts the form.
  const viewerRow = p.getByRole("row", { name: new RegExp(users.viewer.email) });
  await viewerRow.getByText("Remove", { exact: true }).click();
  const [removed] = await Promise.all([
    p.waitForResponse((r) => r.request().method() === "POST"),
    viewerRow.getByRole("button", { name: "Remove member" }).click(),
  ]);
  expect(removed.status()).toBe(200);
  await expect(p.getByRole("cell", { name: users.viewer.email })).toHaveCount(0);
  expect(await roleOf(users.viewer.id)).toBeUndefined();
  await noScript.close();
});

test("a crawl of the exports writes one audit entry per person and export a day, and a cross-site link is refused", async ({
  page,
}) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  for (let i = 0; i < 25; i++) {
    expect((await page.request.get(`/o/${org.slug}/trends/export?i=${i}`)).status()).toBe(200);
    expect((await page.request.get(`/o/${org.slug}/audit/export?action=${i % 2 ? "x" : ""}`)).status()).toBe(200);
  }
  const entries = async (action: string) =>
    e2eDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, action)));
  expect(await entries("trends.export")).toHaveLength(1);
  expect(await entries("audit.export")).toHaveLength(1);

  // A download started by a link on another site (here: another port of this one) is refused.
  const exportUrl = `http://127.0.0.1:${portalPort}/o/${org.slug}/trends/export`;
  const evil = await servePage(`<a id="go" href="${exportUrl}">download</a>`);
  await page.goto(evil.url);
  const answered = page.waitForResponse((r) => r.url() === exportUrl);
  await page.locator("#go").click();
  expect((await answered).status()).toBe(403);
  await evil.close();
  expect(await entries("trends.export")).toHaveLength(1);
});

test("an action bound in a server component (an import's decision) also answers a plain POST", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  const file = scoringFixture("exclusions-2026", "azure.csv");
  for (let i = 0; i < 2; i++) {
    await page.goto(`/o/${org.slug}/imports`);
    await page.getByLabel("Data", { exact: true }).selectOption({ label: "Azure usage" });
    await page.getByLabel("Data month").fill("2026-10");
    await page.getByLabel("CSV file").setInputFiles(file);
    await page.getByRole("button", { name: "Upload and check" }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/imports/[0-9a-f-]{36}$`));
    await expect(page.getByText(i === 0 ? /rows stored for/ : "Some months already have data")).toBeVisible({
      timeout: 30_000,
    });
  }
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const p = await noScript.newPage();
  await p.goto(page.url());
  const [answer] = await Promise.all([
    p.waitForResponse((r) => r.request().method() === "POST"),
    p.getByRole("button", { name: "Replace those months" }).click(),
  ]);
  expect(answer.status()).toBe(200);
  await expect(p.getByText("Some months already have data")).toHaveCount(0);
  const rows = await e2eDb().select().from(imports).where(eq(imports.organizationId, org.id));
  expect(rows.map((r) => r.status).sort()).toEqual(["succeeded", "succeeded"]);
  await noScript.close();
});
