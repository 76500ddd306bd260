import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, seedOrganization, signIn } from "./fixtures/accounts";
import { uniqueSuffix } from "./fixtures/db";
import { startMailCapture } from "./fixtures/mail-capture";

let mail: Awaited<ReturnType<typeof startMailCapture>>;
test.beforeAll(async () => {
  mail = await startMailCapture();
});
test.afterAll(async () => mail.close());

async function invite(page: import("@playwright/test").Page, slug: string, email: string) {
  await page.goto(`/o/${slug}/members`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation e-mailed" })).toBeVisible();
}

test("an invited viewer signs up from the e-mailed link and sees the organisation without admin or import controls", async ({
  page,
  browser,
}) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  const email = `viewer-${uniqueSuffix()}@e2e.example`;
  await signIn(page, users.admin.email);
  await invite(page, org.slug, email);

  const link = await mail.linkFor(email);
  const invitee = await browser.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`You are invited to join ${org.name} as viewer.`)).toBeVisible();
  await invitee.getByLabel("Your name").fill("Vera Viewer");
  await invitee.getByLabel("Password").fill(E2E_PASSWORD);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/o/${org.slug}$`));

  await expect(invitee.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(invitee.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await invitee.goto(`/o/${org.slug}/imports`);
  await expect(invitee.getByRole("heading", { name: "Imports", exact: true })).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Upload and check" })).toHaveCount(0);
  await invitee.goto(`/o/${org.slug}/members`);
  await expect(invitee.getByRole("cell", { name: users.admin.email })).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await invitee.close();
});

test("resending mails a new link and kills the old one; revoking kills the link", async ({ page, browser }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  const email = `later-${uniqueSuffix()}@e2e.example`;
  await signIn(page, users.admin.email);
  await invite(page, org.slug, email);
  const first = await mail.linkFor(email);

  const before = mail.mails.length;
  await page.getByRole("button", { name: "Resend" }).click();
  const second = await mail.linkFor(email, before);
  expect(second).not.toBe(first);

  await page.goto(first);
  await expect(page.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  // The new link works: the invitee (signed out) is offered the sign-up for this invitation.
  const invitee = await browser.newPage();
  await invitee.goto(second);
  await expect(invitee.getByText(`You are invited to join ${org.name} as viewer.`)).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Create account and join" })).toBeVisible();

  await page.goto(`/o/${org.slug}/members`);
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("region", { name: "Open invitations" })).toHaveCount(0);
  await invitee.goto(second);
  await expect(invitee.getByRole("heading", { name: "Invitation withdrawn" })).toBeVisible();
  await invitee.close();
});
