import { expect, test } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { memberships, organizations, users } from "@/db/schema";
import { seedOrganization, signIn } from "./fixtures/accounts";
import { e2eDb } from "./fixtures/db";

/**
 * The rendered-page cache (server/page-cache) in the built app: a repeated full load of the dashboard or a
 * snapshot page is served from memory, but only to the member it was rendered for, only while the data it shows
 * is unchanged, and never once the session or the membership has gone.
 */
test("the dashboard is served again from the cache until what it shows changes, and never to someone who lost access", async ({
  page,
  browser,
}) => {
  const { org, users: u } = await seedOrganization({ admin: "admin", viewer: "viewer" });
  const db = e2eDb();
  const dashboard = `/o/${org.slug}`;
  await signIn(page, u.viewer.email);

  const first = await page.goto(dashboard);
  expect(first?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: org.name, level: 1 })).toBeVisible();
  const again = await page.reload();
  expect(again?.headers()["x-pcp-page-cache"]).toBe("hit");
  await expect(page.getByRole("button", { name: `Account menu for ${u.viewer.name}` })).toBeVisible();

  // Another member gets a page rendered for them (signing in lands on it), never the viewer's copy.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, u.admin.email);
  await adminPage.goto(dashboard);
  await expect(adminPage.getByRole("button", { name: `Account menu for ${u.admin.name}` })).toBeVisible();
  await expect(adminPage.getByRole("button", { name: `Account menu for ${u.viewer.name}` })).toHaveCount(0);
  await adminContext.close();

  // What the page shows changed (the organisation was renamed): rendered afresh.
  await db
    .update(organizations)
    .set({ name: `${org.name} Renamed` })
    .where(eq(organizations.id, org.id));
  const renamed = await page.reload();
  expect(renamed?.headers()["x-pcp-page-cache"]).toBe("miss");
  await expect(page.getByRole("heading", { name: `${org.name} Renamed`, level: 1 })).toBeVisible();

  // Removed from the organisation: the standard "not found", not the copy in memory.
  await db.delete(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, u.viewer.id)));
  const removed = await page.reload();
  expect(removed?.status()).toBe(404);
  expect(removed?.headers()["x-pcp-page-cache"]).toBeUndefined();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  // Back in, but the session was revoked (a password change elsewhere): sent to sign in.
  await db.insert(memberships).values({ organizationId: org.id, userId: u.viewer.id, role: "viewer" });
  expect((await page.reload())?.headers()["x-pcp-page-cache"]).toBe("hit");
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, u.viewer.id));
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});
