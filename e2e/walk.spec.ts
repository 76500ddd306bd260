import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/accounts";
import {
  expectedStatus,
  ORG_PAGES,
  PUBLIC_PAGES,
  saveSignedInState,
  seedTour,
  type Role,
  type Tour,
  type TourPage,
} from "./fixtures/portal-tour";

/**
 * A walk through every page as each role, and signed out: each page answers the right status (403 for a member
 * without the permission, 404 for what does not exist), logs no console error and throws no page error, has no
 * axe violation of any impact, and (for the admin, who has every control, and signed out) every control is
 * reached with the Tab key and shows where the focus is.
 */

/**
 * Chromium reports a 403 or 404 document as a failed resource: that is the status the test asks for, not an error.
 */
function isExpectedStatusMessage(text: string, url: string | undefined, path: string, status: number) {
  // A 403/404 page's router requests (RSC, prefetch) answer 403 or 404 themselves.
  if (status === 200 || !url || !/status of (403|404)\b/.test(text)) return false;
  // On a page that is itself a 403/404, the router's own requests for it (RSC, prefetch) answer the same status:
  // any same-origin request answering that status is the answer asked for, not an error of the page.
  const { origin, pathname, search } = new URL(url);
  return `${pathname}${search}` === path || origin === new URL(path, url).origin;
}

async function settle(page: Page) {
  // Hydration and effects run after "load": wait until the browser is idle once.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 3000 })));
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")} (${v.help})`,
  );
}

/**
 * Presses Tab through the page and returns the controls it never reached and the ones that looked the same
 * focused as not (no outline or ring). Controls are the visible links, buttons, fields and other tab stops.
 * The page records each focus as it happens (with the focused element's style), so the key presses can be sent
 * in one go; twice as many as there are controls, since a date field takes a Tab per part.
 */
async function keyboardProblems(page: Page): Promise<string[]> {
  const controls = await page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
    };
    const list: { key: string; name: string; look: string; radioGroup: string | null }[] = [];
    document.querySelectorAll(selector).forEach((el, i) => {
      const html = el as HTMLElement;
      const r = html.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      if (html.tabIndex < 0 || html.closest("[inert], [aria-hidden='true']")) return;
      // Inside a closed <details>: reached by opening its summary (itself a tab stop) with Enter.
      const details = html.closest("details");
      if (details && !details.open && html.tagName !== "SUMMARY") return;
      if (getComputedStyle(html).visibility === "hidden") return;
      const key = String(i);
      html.dataset.walk = key;
      const radio = html instanceof HTMLInputElement && html.type === "radio" ? html.name : null;
      const name = (html.getAttribute("aria-label") || html.textContent || html.getAttribute("name") || html.id || "")
        .trim()
        .slice(0, 40);
      list.push({ key, name: `${html.tagName.toLowerCase()} "${name}"`, look: look(html), radioGroup: radio });
    });
    (document.activeElement as HTMLElement | null)?.blur();
    const seen: { key: string | null; look: string; tag: string }[] = [];
    (window as unknown as { __focusWalk: typeof seen }).__focusWalk = seen;
    document.addEventListener("focusin", (e) => {
      const el = e.target as HTMLElement;
      seen.push({ key: el.dataset?.walk ?? null, look: look(el), tag: el.tagName.toLowerCase() });
    });
    return list;
  });
  await page.locator("body").focus();
  await Promise.all(Array.from({ length: 2 * controls.length + 10 }, () => page.keyboard.press("Tab")));
  const seen = await page.evaluate(
    () => (window as unknown as { __focusWalk: { key: string | null; look: string }[] }).__focusWalk,
  );
  const resting = new Map(controls.map((c) => [c.key, c]));
  const reached = new Set<string>();
  const noRing: string[] = [];
  for (const focused of seen) {
    if (!focused.key || reached.has(focused.key)) continue;
    reached.add(focused.key);
    const before = resting.get(focused.key)!;
    const [outline, shadow] = focused.look.split(" | ");
    const hasOutline = !outline!.startsWith("none") && !/^\S+ 0px/.test(outline!);
    if (focused.look === before.look || (!hasOutline && shadow === "none")) noRing.push(before.name);
  }
  const reachedGroups = new Set(controls.filter((c) => reached.has(c.key) && c.radioGroup).map((c) => c.radioGroup));
  const missed = controls
    .filter((c) => !reached.has(c.key) && !(c.radioGroup && reachedGroups.has(c.radioGroup)))
    .map((c) => c.name);
  return [...missed.map((n) => `not reachable with Tab: ${n}`), ...noRing.map((n) => `no visible focus: ${n}`)];
}

/** One page: its status, console and page errors, axe, and (when asked) the keyboard. Returns what is wrong. */
async function checkPage(page: Page, tour: Tour, p: TourPage, role: Role | "signed-out", keyboard: boolean) {
  const path = p.path(tour);
  const status = expectedStatus(p, role);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !isExpectedStatusMessage(m.text(), m.location().url, path, status)) {
      errors.push(`console: ${m.text().slice(0, 300)}`);
    }
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message.slice(0, 300)}`));
  const res = await page.goto(path);
  const problems: string[] = [];
  if (res?.status() !== status) problems.push(`status ${res?.status()}, expected ${status}`);
  await settle(page);
  problems.push(...(await axeViolations(page)));
  if (keyboard) problems.push(...(await keyboardProblems(page)));
  return [...errors, ...problems];
}

let tour: Tour;
test.beforeAll(async () => {
  tour = await seedTour();
});
test.beforeEach(async ({ page }) => {
  // Focus rings drawn with transitions: measure them at rest (the portal honours reduced motion).
  await page.emulateMedia({ reducedMotion: "reduce" });
});

test.describe("signed out", () => {
  for (const p of PUBLIC_PAGES) {
    test(`${p.name}: no errors, no axe violations, every control reached by keyboard`, async ({ page }) => {
      expect(await checkPage(page, tour, p, "signed-out", true)).toEqual([]);
    });
  }
});

for (const role of ["admin", "analyst", "viewer"] as const) {
  const state = `test-results/e2e-walk-${role}.json`;
  test.describe(`as ${role === "admin" ? "an" : "a"} ${role}`, () => {
    test.beforeAll(async ({ browser }) => {
      await saveSignedInState(browser, test.info().project.use.baseURL!, tour.users[role].email, state);
    });
    test.use({ storageState: state });
    for (const p of ORG_PAGES) {
      const status = expectedStatus(p, role);
      // The admin has every control, so the keyboard walk runs as the admin.
      const keyboard = role === "admin";
      test(`${p.name} answers ${status} with no errors and no axe violations${keyboard ? ", and works by keyboard" : ""}`, async ({
        page,
      }) => {
        expect(await checkPage(page, tour, p, role, keyboard)).toEqual([]);
      });
    }
  });
}

test("a member without the permission is told to ask an admin, inside the organisation's navigation", async ({
  page,
}) => {
  await signIn(page, tour.users.analyst.email);
  const res = await page.goto(`/o/${tour.org.slug}/audit`);
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText(`Your role in ${tour.org.name} is Analyst`)).toBeVisible();
  await expect(page.getByTestId("forbidden-admins")).toContainText(tour.users.admin.name);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Snapshots" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the dashboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${tour.org.slug}$`));
  // The navigation does not offer the pages the role cannot open.
  await page.goto(`/o/${tour.org.slug}/members`);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);

  // Something that does not exist is a 404, still inside the organisation.
  const missing = await page.goto(`/o/${tour.org.slug}/snapshots/2030-01`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Snapshots" })).toBeVisible();
});
