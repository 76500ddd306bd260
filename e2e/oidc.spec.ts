import { expect, test, type Page } from "@playwright/test";
import { seedOrganization } from "./fixtures/accounts";
import { uniqueSuffix } from "./fixtures/db";
import { startOidcProvider } from "./fixtures/oidc-provider";
import { OIDC_PORTAL_ORIGIN } from "../playwright.config";

test.use({ baseURL: OIDC_PORTAL_ORIGIN });

let oidc: Awaited<ReturnType<typeof startOidcProvider>>;
test.beforeAll(async () => {
  oidc = await startOidcProvider();
});
test.afterAll(async () => oidc.close());

/** Signs in through the provider's own pages: login, then consent. */
async function signInWithMicrosoft(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /Sign in with Microsoft/ }).click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a member signs in through the OpenID provider and lands in their organisation", async ({ page }) => {
  const { org, users } = await seedOrganization({ analyst: "analyst" });
  await signInWithMicrosoft(page, users.analyst.email);
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}$`));
  await expect(page.getByRole("button", { name: new RegExp(users.analyst.name) })).toBeVisible();
});

test("someone new signs in through the OpenID provider and is asked to create an organisation", async ({ page }) => {
  await signInWithMicrosoft(page, `newcomer-${uniqueSuffix()}@entra.example`);
  await expect(page).toHaveURL(/\/orgs\/new$/);
});
