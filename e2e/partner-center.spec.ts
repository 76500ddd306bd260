import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Page, type Response } from "@playwright/test";
import { eq } from "drizzle-orm";
import { auditLog, partnerCenterConnections } from "@/db/schema";
import { expectedDataMonth } from "@/lib/data-cycle";
import { e2eEnv, PARTNER_CENTER_PORT } from "../playwright.config";
import { FakePartnerCenter, generatedFiles } from "../tests/helpers/fake-partner-center";
import { seedOrganization, signInOnPage } from "./fixtures/accounts";
import { e2eDb } from "./fixtures/db";

/**
 * The Partner Center connector end to end: an admin connects the organisation to a local fake Partner Center,
 * tests the connection, runs "Refresh now" and sees the import and the new snapshot; a viewer can neither see
 * nor change the connection. The secret must never come back: not in a response, not in the audit log, and not
 * in the server's output (this spec runs its own instance of the built app to read what it prints).
 */
const CREDS = {
  tenantId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
  clientId: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
  clientSecret: "e2e~Partner.Center-SECRET_value-77",
};
const appPort = Number(process.env.E2E_PORT ?? 3100) + 1;
const appUrl = `http://127.0.0.1:${appPort}`;

let fake: FakePartnerCenter;
let app: ChildProcess;
let output = "";

test.use({ baseURL: appUrl });
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const files = await generatedFiles({ tenants: 25, months: 24, seed: 15, toMonth: expectedDataMonth(new Date()) });
  fake = new FakePartnerCenter(CREDS, files);
  await fake.start(PARTNER_CENTER_PORT);
  app = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", "127.0.0.1"],
    {
      env: { ...process.env, ...e2eEnv },
    },
  );
  app.stdout!.on("data", (d) => (output += d));
  app.stderr!.on("data", (d) => (output += d));
  await expect(async () => {
    const res = await fetch(`${appUrl}/api/health`);
    expect(res.status).toBe(200);
  }).toPass({ timeout: 90_000 });
  // A fresh instance loads each route's code on its first request: warm the sign-in page before the clock runs.
  await fetch(`${appUrl}/sign-in`);
});

/** Signs in on this spec's own instance, allowing for a first request that loads the app's code. */
async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await signInOnPage(page, email);
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
}

test.afterAll(async () => {
  app?.kill("SIGTERM");
  await fake?.stop();
});

/** Every response body the page receives, to check that the secret never comes back. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (res: Response) => {
    res
      .text()
      .then((text) => bodies.push(text))
      .catch(() => undefined);
  });
  return bodies;
}

test("an admin connects Partner Center, tests it, refreshes, and sees the import and the new snapshot", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const bodies = recordResponses(page);
  const { org, users } = await seedOrganization({ admin: "admin", viewer: "viewer" });
  await signIn(page, users.admin.email);

  await page.goto(`/o/${org.slug}/data`);
  await expect(page.getByTestId("partner-center-card")).toContainText("Not connected");
  await page.getByRole("link", { name: "Connect Partner Center" }).click();
  await expect(page.getByRole("heading", { name: "Partner Center connection" })).toBeVisible();
  await page.getByLabel("Directory (tenant) id").fill(CREDS.tenantId);
  await page.getByLabel("Application (client) id").fill(CREDS.clientId);
  await page.getByLabel("Client secret").fill(CREDS.clientSecret);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Connection saved.")).toBeVisible({ timeout: 20_000 });

  // Shown again, the form knows only that a secret is stored.
  await page.reload();
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await expect(page.getByText("A secret is stored.", { exact: false })).toBeVisible();
  expect(await page.content()).not.toContain(CREDS.clientSecret);

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/^Connected: Microsoft Entra ID issued a token/)).toBeVisible({ timeout: 30_000 });

  await page.goto(`/o/${org.slug}/data`);
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByText(/Refresh started/)).toBeVisible({ timeout: 20_000 });
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("connector-last-run")).toContainText("Imported", { timeout: 1000 });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByTestId("connector-files")).toHaveText("2 of 2");
  await expect(page.getByTestId("connector-rows")).not.toHaveText("0");
  await page.getByRole("link", { name: "Azure usage", exact: true }).click();
  await expect(page.getByText(/rows stored for/)).toBeVisible({ timeout: 20_000 });

  const month = expectedDataMonth(new Date());
  await expect(async () => {
    const res = await page.goto(`/o/${org.slug}/snapshots/${month}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: `Snapshot ${month}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  // The secret: stored encrypted, never in the audit log, never in a response, never printed by the server.
  const [conn] = await e2eDb()
    .select()
    .from(partnerCenterConnections)
    .where(eq(partnerCenterConnections.organizationId, org.id));
  expect(conn!.secretCiphertext).not.toContain(CREDS.clientSecret);
  const audit = await e2eDb().select().from(auditLog).where(eq(auditLog.organizationId, org.id));
  expect(audit.map((a) => a.action)).toEqual(
    expect.arrayContaining(["connector.save", "connector.test", "connector.refresh", "data.import"]),
  );
  expect(audit.filter((a) => a.action === "data.import").map((a) => a.actorEmail)).toEqual([
    "Partner Center connection",
    "Partner Center connection",
  ]);
  expect(JSON.stringify(audit)).not.toContain(CREDS.clientSecret);
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(body).not.toContain(CREDS.clientSecret);
  expect(output).not.toContain(CREDS.clientSecret);
  // Only the token request carried the secret to "Microsoft".
  expect(
    fake.requests.filter((r) => r.body.includes(CREDS.clientSecret)).every((r) => r.path.endsWith("/oauth2/token")),
  ).toBe(true);

  // A viewer of the same organisation: no connection page (403), no settings link, no Refresh now.
  const viewer = await page.context().browser()!.newContext({ baseURL: appUrl });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, users.viewer.email);
  const settings = await viewerPage.goto(`/o/${org.slug}/settings/partner-center`);
  expect(settings?.status()).toBe(403);
  expect(await viewerPage.content()).not.toContain(CREDS.tenantId);
  await viewerPage.goto(`/o/${org.slug}/data`);
  await expect(viewerPage.getByTestId("partner-center-card")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Refresh now" })).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: "Connection settings" })).toHaveCount(0);
  expect(await viewerPage.content()).not.toContain(CREDS.tenantId);
  await viewer.close();
});

test("a non-member gets not found for the connection page", async ({ page }) => {
  const { org } = await seedOrganization({ admin: "admin" });
  const other = await seedOrganization({ outsider: "admin" });
  await signIn(page, other.users.outsider.email);
  const res = await page.goto(`/o/${org.slug}/settings/partner-center`);
  expect(res?.status()).toBe(404);
});
