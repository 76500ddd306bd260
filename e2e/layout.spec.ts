import { LAST_ORG_COOKIE } from "@/lib/last-org";
import { expect, test, type Page } from "@playwright/test";
import { memberships } from "@/db/schema";
import { seedOrganization, signIn } from "./fixtures/accounts";
import { e2eDb } from "./fixtures/db";
import { ORG_PAGES, PUBLIC_PAGES, saveSignedInState, seedTour, type Tour, type TourPage } from "./fixtures/portal-tour";

/**
 * Every page fits every screen: at each width, in light and dark, the page never scrolls sideways, and a table
 * wider than the space it has sits in a container that scrolls (inside its card). Screenshots of every page at
 * every width and theme go to test-results/screenshots/layout/ for a person to look at.
 */
const SHOTS = "test-results/screenshots/layout";
const WIDTHS = [360, 390, 768, 1024, 1440];
const THEMES = ["light", "dark"] as const;

/** What does not fit, measured in the page: an empty list when everything fits. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const doc = document.documentElement;
    if (doc.scrollWidth > vw) problems.push(`the page is ${doc.scrollWidth} px wide on a ${vw} px screen`);
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""}.${String(
        (el as HTMLElement).className,
      ).slice(0, 50)}`;
    const scrollsX = (el: Element) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const clipsX = (el: Element) => getComputedStyle(el).overflowX !== "visible";
    for (const table of document.querySelectorAll("table")) {
      if (!table.getClientRects().length) continue;
      // The nearest ancestor that cuts off what overflows it: it must scroll if the table is wider than it.
      let box: Element | null = table.parentElement;
      while (box && box !== document.body && !clipsX(box)) box = box.parentElement;
      if (box && box !== document.body && table.scrollWidth > box.clientWidth + 1) {
        if (!scrollsX(box)) problems.push(`${describe(table)} is cut off by ${describe(box)}`);
        // On a desktop screen a table fits its card: scrolling sideways there hides columns nobody looks for.
        else if (vw >= 1440) problems.push(`${describe(table)} needs sideways scrolling on a ${vw} px screen`);
      }
      // The scroll container itself stays inside its card and the screen.
      const frame = box && box !== document.body ? box : table;
      const right = frame.getBoundingClientRect().right;
      const card = table.closest("[data-slot=card]");
      if (card && right > card.getBoundingClientRect().right + 1) {
        problems.push(`${describe(table)} is wider than its card`);
      }
      if (right > vw + 1) problems.push(`${describe(table)} runs past the screen's edge`);
    }
    // Anything else past the right edge that is not inside a scrolling container (for a readable message).
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 1) continue;
      let p: Element | null = el.parentElement;
      let inside = false;
      while (p && p !== document.body) {
        if (scrollsX(p) || (clipsX(p) && p.getBoundingClientRect().right <= vw + 1)) inside = true;
        p = p.parentElement;
      }
      if (!inside && getComputedStyle(el).position !== "fixed") {
        problems.push(`${describe(el)} ends at ${Math.round(r.right)} px`);
        if (problems.length > 8) break;
      }
    }
    return problems;
  });
}

async function checkEveryWidth(page: Page, p: TourPage) {
  const failures: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?![\s\S]*\bdark\b)/);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const problems = await layoutProblems(page);
      if (problems.length) failures.push(`${p.name} at ${width} px (${theme}): ${problems.join("; ")}`);
      // Every width in light; dark on a phone and a desktop (the layout is the same, the colours are checked by axe).
      if (theme === "light" || width === 390 || width === 1440) {
        await page.screenshot({ path: `${SHOTS}/${p.name}-${width}-${theme}.png`, fullPage: true });
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  expect(failures).toEqual([]);
}

let tour: Tour;
test.beforeAll(async () => {
  tour = await seedTour();
});

test.describe("signed out", () => {
  for (const p of PUBLIC_PAGES) {
    test(`${p.name} fits every screen from 360 to 1440 px, light and dark`, async ({ page }) => {
      await page.goto(p.path(tour));
      await checkEveryWidth(page, p);
    });
  }
});

const ADMIN_STATE = "test-results/e2e-layout-admin.json";
test.describe("as an admin", () => {
  test.beforeAll(async ({ browser }) => {
    await saveSignedInState(browser, test.info().project.use.baseURL!, tour.users.admin.email, ADMIN_STATE);
  });
  test.use({ storageState: ADMIN_STATE });
  for (const p of ORG_PAGES) {
    test(`${p.name} fits every screen from 360 to 1440 px, light and dark`, async ({ page }) => {
      await page.goto(p.path(tour));
      await checkEveryWidth(page, p);
    });
  }
});

test("the no-access page fits every screen too", async ({ page }) => {
  await signIn(page, tour.users.viewer.email);
  await page.goto(`/o/${tour.org.slug}/settings`);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await checkEveryWidth(page, { name: "no-access", path: () => "" });
});

test("on a phone the navigation is a menu that opens, follows a link and closes", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, tour.users.admin.email);
  await page.goto(`/o/${tour.org.slug}`);
  // The desktop links are hidden; the menu button is the way in.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const menuButton = page.getByRole("button", { name: "Open the menu" });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("button", { name: /Organisation: / })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: `${SHOTS}/menu-390.png` });
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await menuButton.click();
  await menu.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${tour.org.slug}/members$`));
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(menu).toBeHidden();
  // From tablet width up to desktop the same: at 1024 px the links sit in the bar.
  await page.setViewportSize({ width: 1024, height: 800 });
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(menuButton).toBeHidden();
});

for (const [width, height] of [
  [390, 844],
  [1440, 900],
]) {
  test(`opening a tenant from the bottom of a long page lands at the top of the tenant page (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await signIn(page, tour.users.admin.email);
    await page.goto(`/o/${tour.org.slug}/snapshots/2026-10?size=50`);
    const last = page
      .getByRole("table", { name: /Customer tenants/ })
      .getByRole("link")
      .last();
    const href = (await last.getAttribute("href"))!.split("?")[0]!;
    // Let the link's prefetch (the tenant page's loading skeleton) arrive, as it does while a person reads.
    const prefetched = page.waitForResponse((r) => r.url().includes(href), { timeout: 10_000 }).catch(() => null);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(last).toBeInViewport();
    await prefetched;
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const name = (await last.textContent())!;
    await last.click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "The tenant in each data month" })).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
}

test("a signed-in person opening / or clicking the logo goes back to their last organisation", async ({ page }) => {
  // The tour's viewer also belongs to a second organisation.
  const other = await seedOrganization({ admin: "admin" });
  await e2eDb()
    .insert(memberships)
    .values({ organizationId: other.org.id, userId: tour.users.viewer.id, role: "viewer" });
  await signIn(page, tour.users.viewer.email);
  await page.goto(`/o/${other.org.slug}/snapshots`);
  await expect
    .poll(async () => (await page.context().cookies()).find((c) => c.name === LAST_ORG_COOKIE)?.value)
    .toBe(other.org.slug);
  await page.getByRole("link", { name: "Partner Capability Portal" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${other.org.slug}$`));
  await page.goto(`/o/${tour.org.slug}/members`);
  // The page remembers the organisation once it has hydrated (a cookie set in the browser): wait for it.
  await expect
    .poll(async () => (await page.context().cookies()).find((c) => c.name === LAST_ORG_COOKIE)?.value)
    .toBe(tour.org.slug);
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/o/${tour.org.slug}$`));
  // Signed out, / is the product page.
  await page.context().clearCookies();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Know where your Security designation stands" })).toBeVisible();
});

test("the portal has a favicon and an app icon", async ({ page, request }) => {
  await page.goto("/sign-in");
  const icons = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"]')
    .evaluateAll((links) => links.map((l) => ({ rel: l.getAttribute("rel"), href: l.getAttribute("href") ?? "" })));
  expect(icons.map((i) => i.rel).sort()).toEqual(["apple-touch-icon", "icon"]);
  for (const icon of icons) {
    const res = await request.get(icon.href);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(icon.rel === "icon" ? /image\/svg\+xml/ : /image\/png/);
  }
  const manifest = await request.get("/manifest.webmanifest");
  expect((await manifest.json()).icons.length).toBeGreaterThan(0);
});
