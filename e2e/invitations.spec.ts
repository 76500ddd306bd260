import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { invitations } from "@/db/schema";
import { e2eDb, uniqueSuffix } from "./fixtures/db";
import { E2E_PASSWORD, seedOrganization, signIn, signInOnPage } from "./fixtures/accounts";

/** A pending invitation seeded with a known token (only its hash is stored, as the app does). */
async function seedInvitation(
  organizationId: string,
  invitedBy: string,
  email: string,
  expiresAt = new Date(Date.now() + 86_400_000),
) {
  const token = crypto.randomBytes(32).toString("base64url");
  const tokenHash = crypto.createHash("sha256").update(token).digest("hex");
  await e2eDb().insert(invitations).values({ organizationId, email, role: "analyst", tokenHash, invitedBy, expiresAt });
  return token;
}

test("an admin invites a colleague and sees the invitation in the list", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  const email = `colleague-${uniqueSuffix()}@e2e.example`;
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}/members`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Invitation e-mailed|No e-mail was sent/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Open invitations" })).toContainText(email);
});

test("someone without an account accepts through the link and lands in the organisation", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  const email = `newbie-${uniqueSuffix()}@e2e.example`;
  const token = await seedInvitation(org.id, users.admin.id, email);
  await page.goto(`/invite/${token}`);
  await expect(page.getByText(`You are invited to join ${org.name} as analyst.`)).toBeVisible();
  await page.getByLabel("Your name").fill("New Colleague");
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}$`));

  // The link works once.
  await page.goto(`/invite/${token}`);
  await expect(page.getByRole("heading", { name: "Invitation already used" })).toBeVisible();
});

test("an existing user signs in from the link and joins", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  const other = await seedOrganization({ admin: "admin" });
  const token = await seedInvitation(org.id, users.admin.id, other.users.admin.email);
  await page.goto(`/invite/${token}`);
  await page.getByRole("link", { name: "Sign in to accept" }).click();
  await signInOnPage(page, other.users.admin.email);
  await expect(page).toHaveURL(new RegExp(`/invite/${token}$`));
  await page.getByRole("button", { name: `Join ${org.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}$`));
});

test("expired, unknown and someone else's invitations say so", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  const expired = await seedInvitation(
    org.id,
    users.admin.id,
    `late-${uniqueSuffix()}@e2e.example`,
    new Date(Date.now() - 1000),
  );
  await page.goto(`/invite/${expired}`);
  await expect(page.getByRole("heading", { name: "Invitation expired" })).toBeVisible();

  await page.goto(`/invite/${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();

  const forSomeoneElse = await seedInvitation(org.id, users.admin.id, `else-${uniqueSuffix()}@e2e.example`);
  await signIn(page, users.admin.email);
  await page.goto(`/invite/${forSomeoneElse}`);
  await expect(page.getByRole("heading", { name: "Invitation for someone else" })).toBeVisible();
});
