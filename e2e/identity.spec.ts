import { expect, test, type Browser, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { externalIdentities, users } from "@/db/schema";
import { OIDC_PORTAL_ORIGIN } from "../playwright.config";
import { E2E_PASSWORD, seedOrganization, signIn, signInOnPage } from "./fixtures/accounts";
import { e2eDb, uniqueSuffix } from "./fixtures/db";
import { startMailCapture } from "./fixtures/mail-capture";
import { startOidcProvider } from "./fixtures/oidc-provider";

/**
 * Issue 12's identity findings, performed through the pages as an attacker and their victim would: sign-up,
 * Microsoft sign-in (a real OpenID provider on loopback), e-mailed links (a real SMTP capture). Browses as
 * localhost, as the OpenID spec must (see e2e/oidc.spec.ts).
 */
test.use({ baseURL: OIDC_PORTAL_ORIGIN });

let mail: Awaited<ReturnType<typeof startMailCapture>>;
let oidc: Awaited<ReturnType<typeof startOidcProvider>>;
test.beforeAll(async () => {
  mail = await startMailCapture();
  oidc = await startOidcProvider();
});
test.afterAll(async () => {
  await mail.close();
  await oidc.close();
});

const NEW_PASSWORD = "Victims-Own-Secret-2026";

async function fresh(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: OIDC_PORTAL_ORIGIN })).newPage();
}

async function signUpOnPage(page: Page, email: string, organizationName: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Organisation name").fill(organizationName);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Through the provider's own pages; `login` becomes the subject and the (verified) e-mail claim. */
async function microsoftLogin(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("finding 1: someone who signed up with the victim's address does not get the victim's Microsoft sign-in; the victim takes the address back by e-mail", async ({
  browser,
}) => {
  // Four people and three browsers: longer than one page's story.
  test.setTimeout(180_000);
  const id = uniqueSuffix();
  const victim = `victim-${id}@e2e.example`;
  const { org, users: seeded } = await seedOrganization({ admin: "admin" });

  // The attacker signs up with the victim's address, then an admin invites that address.
  const attacker = await fresh(browser);
  await signUpOnPage(attacker, victim, `Squat ${id}`);
  await expect(attacker.getByRole("status").filter({ hasText: "Check your inbox" })).toBeVisible();
  const admin = await fresh(browser);
  await signIn(admin, seeded.admin.email);
  await admin.goto(`/o/${org.slug}/members`);
  await admin.getByLabel("E-mail address").fill(victim);
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Invitation e-mailed" })).toBeVisible();
  // The raw invitation link never reaches the admin's browser when it was e-mailed.
  await expect(admin.getByTestId("invitation-link")).toHaveCount(0);

  // The real person signs in with Microsoft, which asserts the address as verified: no way into the squat.
  const person = await fresh(browser);
  await person.goto("/sign-in");
  await person.getByRole("button", { name: /Sign in with Microsoft/ }).click();
  await microsoftLogin(person, victim);
  await expect(person).toHaveURL(/\/link-microsoft\?reason=link_required$/);
  await expect(person.getByRole("heading", { name: "Sign in with your password first" })).toBeVisible();
  await person.goto("/account/password");
  await expect(person).toHaveURL(/\/sign-in/);
  const [squat] = await e2eDb().select().from(users).where(eq(users.email, victim));
  expect(await e2eDb().select().from(externalIdentities).where(eq(externalIdentities.userId, squat!.id))).toEqual([]);

  // The attacker's password session reaches no organisation, not even the one made at sign-up.
  await signIn(attacker, victim);
  await expect(attacker).toHaveURL(/\/verify-email$/);
  await attacker.goto(`/o/squat-${id}`);
  await expect(attacker).toHaveURL(/\/verify-email$/);
  await attacker.goto(`/o/${org.slug}`);
  await expect(attacker).toHaveURL(/\/verify-email$/);

  // The victim resets the password from their mailbox: that proves the address and ends the attacker's session.
  await person.goto("/sign-in");
  await person.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(person.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await person.getByLabel("E-mail address").fill(victim);
  await person.getByRole("button", { name: "Send reset link" }).click();
  await expect(person.getByRole("status").filter({ hasText: "Check your inbox" })).toBeVisible();
  await person.goto(await mail.pathFor(victim, "reset-password"));
  await person.locator('input[name="newPassword"]').fill(NEW_PASSWORD);
  await person.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await person.getByRole("button", { name: "Set new password" }).click();
  await expect(person).toHaveURL(/\/sign-in\?reset=1$/);
  await attacker.goto("/account/password");
  await expect(attacker).toHaveURL(/\/sign-in/);
  await signInOnPage(attacker, victim, E2E_PASSWORD);
  await expect(attacker.getByText("The e-mail address or password is not correct.")).toBeVisible();

  // Now the victim's own, verified account joins through the e-mailed invitation.
  await signInOnPage(person, victim, NEW_PASSWORD);
  await expect(person).not.toHaveURL(/\/sign-in/);
  await person.goto(await mail.linkFor(victim));
  await person.getByRole("button", { name: `Join ${org.name}` }).click();
  await expect(person).toHaveURL(new RegExp(`/o/${org.slug}$`));
});

test("signing up mails a confirmation link; until it is followed the account sees no organisation", async ({
  page,
}) => {
  const id = uniqueSuffix();
  const email = `alice-${id}@e2e.example`;
  await signUpOnPage(page, email, `Fabrikam ${id}`);
  await expect(page.getByRole("status").filter({ hasText: `We sent an e-mail to ${email}` })).toBeVisible();
  const first = await mail.pathFor(email, "verify-email");

  await signIn(page, email);
  await expect(page).toHaveURL(/\/verify-email$/);
  await expect(page.getByRole("heading", { name: "Confirm your e-mail address" })).toBeVisible();
  await page.goto(`/o/fabrikam-${id}`);
  await expect(page).toHaveURL(/\/verify-email$/);
  // "Resend" sends a new link, and the first one stops working.
  const before = mail.mails.length;
  await page.getByRole("button", { name: "Resend the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A new link is on its way" })).toBeVisible();
  const second = await mail.pathFor(email, "verify-email", before);
  expect(second).not.toBe(first);
  await page.goto(first);
  await expect(page.getByRole("heading", { name: "Link not usable" })).toBeVisible();

  // Opening the link spends nothing (mail scanners open links); the button does, once.
  await page.goto(second);
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/fabrikam-${id}$`));
  await expect(page.getByRole("heading", { name: `Fabrikam ${id}` })).toBeVisible();
  await expect(page.getByText("No data yet — import your Azure usage export")).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit log" })).toBeVisible();
  await page.goto(second);
  await expect(page.getByRole("heading", { name: "Link not usable" })).toBeVisible();
});

test("finding 7: sign-up and forgot-password answer the same for a known address, whose owner is mailed instead", async ({
  page,
}) => {
  const { users: seeded } = await seedOrganization({ owner: "admin" });
  const known = seeded.owner.email;
  const unknown = `unknown-${uniqueSuffix()}@e2e.example`;

  const answer = async (email: string) => {
    await signUpOnPage(page, email, `Org ${uniqueSuffix()}`);
    const status = page.getByRole("status");
    await expect(status).toBeVisible();
    return (await status.innerText()).replace(email, "<address>");
  };
  expect(await answer(known)).toBe(await answer(unknown));
  await expect.poll(() => mail.bodiesTo(known).some((b) => b.includes("/forgot-password"))).toBe(true);
  await mail.pathFor(unknown, "verify-email");

  const resetAnswer = async (email: string) => {
    await page.goto("/forgot-password");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    const status = page.getByRole("status");
    await expect(status).toBeVisible();
    return (await status.innerText()).replace(email, "<address>");
  };
  const nobody = `nobody-${uniqueSuffix()}@e2e.example`;
  expect(await resetAnswer(known)).toBe(await resetAnswer(nobody));
  await mail.pathFor(known, "reset-password");
  expect(mail.bodiesTo(nobody)).toEqual([]);
});

test("a verified member links a Microsoft account from the account page, then signs in with it", async ({
  browser,
}) => {
  const { org, users: seeded } = await seedOrganization({ analyst: "analyst" });
  const login = `work-${uniqueSuffix()}@entra.example`;
  const page = await fresh(browser);
  await signIn(page, seeded.analyst.email);
  await page.goto("/account/sign-in-methods");
  await page.getByLabel("Your password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Link a Microsoft account" }).click();
  await microsoftLogin(page, login);
  await expect(page).toHaveURL(/\/account\/sign-in-methods\?linked=1$/);
  await expect(page.getByRole("list", { name: "Linked Microsoft accounts" })).toContainText(login);

  const later = await fresh(browser);
  await later.goto("/sign-in");
  await later.getByRole("button", { name: /Sign in with Microsoft/ }).click();
  await microsoftLogin(later, login);
  await expect(later).toHaveURL(new RegExp(`/o/${org.slug}$`));
  await expect(later.getByRole("button", { name: new RegExp(seeded.analyst.name) })).toBeVisible();
});

test("an e-mailed invitation's link never reaches the admin's browser", async ({ page }) => {
  const { org, users: seeded } = await seedOrganization({ admin: "admin" });
  const email = `invitee-${uniqueSuffix()}@e2e.example`;
  await signIn(page, seeded.admin.email);
  await page.goto(`/o/${org.slug}/members`);
  // Every answer of the page's server actions, as the browser receives it (read on the way through).
  const answers: string[] = [];
  await page.route(`**/o/${org.slug}/members`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    const body = await response.text();
    answers.push(body);
    await route.fulfill({ response, body });
  });
  const answerTo = async (click: () => Promise<void>) => {
    const before = answers.length;
    await click();
    await expect.poll(() => answers.length).toBeGreaterThan(before);
    return answers[before]!;
  };
  await page.getByLabel("E-mail address").fill(email);
  const invited = await answerTo(() => page.getByRole("button", { name: "Send invitation" }).click());
  await expect(page.getByRole("status").filter({ hasText: "Invitation e-mailed" })).toBeVisible();
  const resent = await answerTo(() => page.getByRole("button", { name: "Resend" }).click());
  await expect.poll(() => mail.bodiesTo(email).length).toBe(2);

  const tokens = mail.bodiesTo(email).map((b) => /\/invite\/([A-Za-z0-9_-]{43})/.exec(b)![1]!);
  for (const answer of [invited, resent]) {
    expect(answer).toContain(email);
    for (const token of tokens) expect(answer).not.toContain(token);
  }
});
