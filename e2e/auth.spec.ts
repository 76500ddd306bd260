import { expect, test } from "@playwright/test";
import { uniqueSuffix } from "./fixtures/db";
import { E2E_PASSWORD, seedOrganization, signIn, signInOnPage } from "./fixtures/accounts";

// Signing up through to the new organisation's dashboard (via the e-mailed confirmation): e2e/identity.spec.ts.

test("a weak password is refused and the other fields keep what was typed", async ({ page }) => {
  const id = uniqueSuffix();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(`Bob ${id}`);
  await page.getByLabel("E-mail address").fill(`bob-${id}@e2e.example`);
  await page.getByLabel("Organisation name").fill(`Northwind ${id}`);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("This password is too common")).toBeVisible();
  await expect(page.getByLabel("Organisation name")).toHaveValue(`Northwind ${id}`);
  await expect(page.getByLabel("E-mail address")).toHaveValue(`bob-${id}@e2e.example`);
});

test("a signed-out visit to an organisation page goes to sign-in and comes back after it", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await page.goto(`/o/${org.slug}/members`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signInOnPage(page, users.admin.email);
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/members$`));
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
});

test("an absolute callbackUrl is not followed", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("https://evil.example/phish")}`);
  await signInOnPage(page, users.admin.email);
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}$`));
});

test("a wrong password gets one clear message and keeps the e-mail address", async ({ page }) => {
  const { users } = await seedOrganization({ admin: "admin" });
  await page.goto("/sign-in");
  await signInOnPage(page, users.admin.email, "not-the-password");
  await expect(page.getByText("The e-mail address or password is not correct.")).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveValue(users.admin.email);
});

test("signing out ends the session", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(`/o/${org.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  const { users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("pages carry the security headers", async ({ request }) => {
  const res = await request.get("/sign-in");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["strict-transport-security"]).toContain("max-age=");
});

test("changing the password keeps this session and ends the others", async ({ page, browser }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, users.admin.email);
  await signIn(page, users.admin.email);

  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(E2E_PASSWORD);
  await page.getByLabel(/^New password/).fill("A-brand-new-passphrase-9");
  await page.getByLabel("Repeat the new password").fill("A-brand-new-passphrase-9");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  await page.goto(`/o/${org.slug}`);
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}$`));
  await otherPage.goto(`/o/${org.slug}`);
  await expect(otherPage).toHaveURL(/\/sign-in\?callbackUrl=/);
  await other.close();
});
