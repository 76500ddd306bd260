import { expect, test } from "@playwright/test";
import { seedOrganization, signIn } from "./fixtures/accounts";

test("a viewer sees the organisation but no admin controls", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin", viewer: "viewer" });
  await signIn(page, users.viewer.email);
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}$`));
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("cell", { name: users.admin.email })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save role" })).toHaveCount(0);
  await expect(page.getByText("Remove", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  // A member without the permission is told so (403), inside the organisation's navigation.
  const settings = await page.goto(`/o/${org.slug}/settings`);
  expect(settings?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByLabel("Organisation name")).toHaveCount(0);
  const exportRes = await page.request.get(`/o/${org.slug}/audit/export`);
  expect(exportRes.status()).toBe(403);
});

test("the last admin cannot demote themself", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin", analyst: "analyst" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}/members`);
  await page.getByRole("combobox", { name: `Role of ${users.admin.name}` }).selectOption({ label: "Viewer" });
  await page
    .getByRole("row", { name: new RegExp(users.admin.email) })
    .getByRole("button", { name: "Save role" })
    .click();
  await expect(page.getByRole("alert").filter({ hasText: "must keep at least one admin" })).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("row", { name: new RegExp(users.admin.email) }).getByRole("cell", { name: "Admin", exact: true }),
  ).toBeVisible();
});

test("an admin changes a member's role and the audit log shows it", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin", analyst: "analyst" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}/members`);
  await page.getByRole("combobox", { name: `Role of ${users.analyst.name}` }).selectOption({ label: "Viewer" });
  await page
    .getByRole("row", { name: new RegExp(users.analyst.email) })
    .getByRole("button", { name: "Save role" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Role updated." })).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  const entry = page.getByTestId("audit-sentence").first();
  await expect(entry).toHaveText(`${users.admin.name} changed ${users.analyst.name}'s role from analyst to viewer.`);
  // The details: before and after per field, the action's code, and where it came from.
  const row = page.getByRole("row").filter({ has: entry });
  await row.getByText("Details").click();
  await expect(row).toContainText("members.changeRole");
  await expect(row.getByRole("row", { name: /Role/ })).toContainText(/analyst\s*viewer/);
});

test("a non-member gets the standard 404 for every page of the organisation", async ({ page }) => {
  const { org } = await seedOrganization({ admin: "admin" });
  const outsider = await seedOrganization({ admin: "admin" });
  await signIn(page, outsider.users.admin.email);
  for (const path of ["", "/members", "/settings", "/audit"]) {
    const res = await page.goto(`/o/${org.slug}${path}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  const unknown = await page.goto("/o/no-such-organisation");
  expect(unknown?.status()).toBe(404);
});

test("an admin renames the organisation; names with markup are shown as text", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}/settings`);
  const name = `<b>Bold</b> & "Co"`;
  await page.getByLabel("Organisation name").fill(name);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Organisation renamed." })).toBeVisible();
  await page.goto(`/o/${org.slug}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.locator("b", { hasText: "Bold" })).toHaveCount(0);
});
