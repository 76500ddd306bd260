import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { manualScores, snapshots } from "@/db/schema";
import { netAdds } from "@/lib/format";
import { scoringFixture } from "../tests/helpers/fixtures";
import { seedOrganization, signIn } from "./fixtures/accounts";
import { importThroughPipeline } from "./fixtures/import-through-pipeline";
import { e2eDb } from "./fixtures/db";

/**
 * Dashboards and the monthly snapshot review, per role. The data goes through the real import pipeline:
 * the worked example "max-enterprise" (10 Azure tenants gained, one a month) plus a tenant lost since last year
 * and a near miss at $540.00.
 */
const SHOTS = "test-results/screenshots";
const AZURE =
  fs.readFileSync(scoringFixture("max-enterprise", "azure.csv"), "utf8").trimEnd() +
  "\n00000000-0000-4000-8000-00000000a001,Gone Ltd,2025-03,Key Vault,Azure Plan,PAL,700.00" +
  "\n00000000-0000-4000-8000-00000000a002,Near Miss Ltd,2026-06,Key Vault,Azure Plan,PAL,540.00\n";

async function importAzure(organizationId: string, userId: string) {
  await importThroughPipeline(organizationId, userId, "azure", AZURE, "azure.csv");
}

async function latestSnapshot(organizationId: string) {
  const [row] = await e2eDb()
    .select()
    .from(snapshots)
    .where(
      and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true), eq(snapshots.month, "2026-10")),
    );
  return row!;
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

type Tracks = Record<"enterprise" | "smb", { points: number; netCustomerAdds: number }>;

async function expectDashboardMatches(page: Page, organizationId: string) {
  const stored = await latestSnapshot(organizationId);
  const tracks = (stored.result as { tracks: Tracks }).tracks;
  for (const t of ["enterprise", "smb"] as const) {
    await expect(page.getByTestId(`performance-${t}`)).toHaveText(`${tracks[t].points} / 20`);
    await expect(page.getByTestId(`track-${t}`)).toContainText(netAdds(tracks[t].netCustomerAdds));
  }
  await expect(page.getByTestId("data-month")).toHaveText("October 2026");
  return tracks;
}

test("an admin reviews the latest snapshot, opens a gained tenant, compares two months and enters Skilling points", async ({
  page,
}) => {
  // A long walk through five pages, each checked with axe: more than the default minute on a busy 2-core machine.
  test.setTimeout(240_000);
  const { org, users } = await seedOrganization({ admin: "admin" });
  await importAzure(org.id, users.admin.id);
  await signIn(page, users.admin.email);

  // The dashboard shows the stored snapshot's numbers: Enterprise 10 - 1 = 9 net adds → 18; SMB 9 × 4 capped at 20.
  await page.goto(`/o/${org.slug}`);
  const tracks = await expectDashboardMatches(page, org.id);
  expect(tracks.enterprise).toMatchObject({ netCustomerAdds: 9, points: 18 });
  expect(tracks.smb).toMatchObject({ netCustomerAdds: 9, points: 20 });
  await expect(page.getByTestId("total-enterprise")).toHaveText("18");
  await expect(page.getByTestId("total-smb")).toHaveText("20");
  await expect(page.getByTestId("track-smb")).toContainText("Your score");
  await expect(page.getByTestId("gap-enterprise")).toContainText("1 more net add (");
  await expect(page.getByRole("link", { name: "Near Miss Ltd" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dashboard-light.png`, fullPage: true });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: `${SHOTS}/dashboard-dark.png`, fullPage: true });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "light" });

  // The snapshot: totals and the tenant table, filtered on the server.
  await page.getByRole("link", { name: "Review the snapshot" }).click();
  await expect(page.getByRole("heading", { name: "Snapshot 2026-10" })).toBeVisible();
  await expect(page.getByTestId("totals-enterprise")).toContainText("18");
  await page.getByLabel("Source").selectOption("azure");
  await page.getByLabel("Status").selectOption("gained");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/column=azure&status=gained/);
  await expect(page.getByTestId("tenant-range")).toContainText("1–10 of 10 tenants");
  await page.getByRole("link", { name: /Eligible ACR \(current\)/ }).click();
  await expect(page).toHaveURL(/sort=acr&dir=desc/);
  await page.screenshot({ path: `${SHOTS}/snapshot.png`, fullPage: true });
  await expectAccessible(page);

  // A gained tenant, explained.
  await page.getByRole("link", { name: "Customer 10", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Customer 10" })).toBeVisible();
  await expect(page.getByTestId("azure-explanation")).toContainText(
    "$600.00 of eligible Azure spend in the current window — at least $600.00, so it qualifies",
  );
  await expect(page.getByText("Azure: gained")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/tenant.png`, fullPage: true });
  await expectAccessible(page);

  // Compare two months: Customers 2 to 8 started counting after February; Gone Ltd's spend left the window.
  await page.goto(`/o/${org.slug}/snapshots`);
  await expectAccessible(page);
  await page.getByLabel("From", { exact: true }).selectOption("2026-02");
  await page.getByLabel("To", { exact: true }).selectOption("2026-10");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { name: "Compare 2026-02 with 2026-10" })).toBeVisible();
  // The four lists add up to the change in net adds (+4 → +9): 7 started counting, Gone Ltd stopped counting in
  // the current window and now counts in the previous one.
  await expect(page.getByTestId("change-sentence-enterprise")).toHaveText(
    "+5 net adds: 7 tenants started counting in the current window, 1 tenant stopped counting in the current window and 1 tenant now counts in the previous window.",
  );
  await expect(page.getByTestId("list-enterprise-azure-startedCurrent").getByRole("link")).toHaveText(
    [2, 3, 4, 5, 6, 7, 8].map((n) => `Customer ${n}`),
  );
  await expect(page.getByTestId("list-enterprise-azure-stoppedCurrent")).toContainText("Gone Ltd");
  await expect(page.getByTestId("list-enterprise-azure-enteredPrevious")).toContainText("Gone Ltd");
  await expect(page.getByTestId("compare-enterprise")).toHaveText(/Enterprise\s*\+4\s*\+9\s*8\s*18\s*\+10/);
  await expectAccessible(page);

  // Skilling and Customer Success points on the SMB track: the total and the qualification follow.
  await page.goto(`/o/${org.slug}`);
  const smb = page.getByTestId("track-smb");
  await smb.getByText("Enter Skilling and Customer Success points").click();
  await smb.getByLabel("Deployments (SMB, max 20)").fill("5");
  await smb.getByLabel("Usage growth (SMB, max 20)").fill("5");
  await smb.getByRole("button", { name: "Save SMB points" }).click();
  await expect(page.getByTestId("total-smb")).toHaveText("30");
  await expect(page.getByTestId("status-smb")).toContainText("Does not qualify");
  await expect(page.getByTestId("pcs-overall")).toContainText("Does not qualify yet");
  await smb.getByLabel("Skilling (SMB, max 40)").fill("40");
  await smb.getByRole("button", { name: "Save SMB points" }).click();
  await expect(page.getByTestId("total-smb")).toHaveText("70");
  await expect(page.getByTestId("status-smb")).toHaveText("Qualifies");
  await expect(page.getByTestId("pcs-overall")).toContainText("Qualifies (SMB)");
  await expect(smb).toContainText(`Entered by hand by ${users.admin.name}`);
  const stored = await e2eDb().select().from(manualScores).where(eq(manualScores.organizationId, org.id));
  expect(stored.map((s) => [s.track, s.metric, s.points]).sort()).toEqual([
    ["smb", "deployments", 5],
    ["smb", "skilling", 40],
    ["smb", "usageGrowth", 5],
  ]);

  // The other main pages are accessible too.
  for (const url of [`/o/${org.slug}/rules`, `/o/${org.slug}/report/2026-10`]) {
    await page.goto(url);
    await expectAccessible(page);
  }
});

test("a viewer sees the same numbers and no edit controls", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin", viewer: "viewer" });
  await importAzure(org.id, users.admin.id);
  await e2eDb().insert(manualScores).values({
    organizationId: org.id,
    month: "2026-10",
    track: "enterprise",
    metric: "skilling",
    points: 30,
    enteredBy: users.admin.id,
  });
  await signIn(page, users.viewer.email);

  await page.goto(`/o/${org.slug}`);
  await expectDashboardMatches(page, org.id);
  await expect(page.getByTestId("total-enterprise")).toHaveText("48");
  await expect(page.getByTestId("track-enterprise")).toContainText(`Entered by hand by ${users.admin.name}`);
  await expect(page.getByText("Enter Skilling and Customer Success points")).toHaveCount(0);
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  await expectAccessible(page);
  // Usable on a phone: nothing wider than the screen but the scrollable tables.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("total-enterprise")).toHaveText("48");
  const tooWide = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter(
        (el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[data-slot=table-container]"),
      )
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`)
      .slice(0, 5),
  );
  expect(tooWide).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.goto(`/o/${org.slug}/rules`);
  await expect(page.getByText("Only an admin of this organisation can change")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save rules" })).toHaveCount(0);

  // Exports are for every member.
  await page.goto(`/o/${org.slug}/snapshots/2026-10`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download tenants as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`tenants-${org.slug}-2026-10.csv`);
  const csv = fs.readFileSync((await file.path())!, "utf8");
  expect(csv.trimEnd().split("\r\n")).toHaveLength(1 + 12);
  expect(csv).toContain("Near Miss Ltd,not-qualifying");
});

test("an organisation without data is told what to do next", async ({ page }) => {
  const { org, users } = await seedOrganization({ analyst: "analyst" });
  await signIn(page, users.analyst.email);
  await page.goto(`/o/${org.slug}`);
  await expect(page.getByRole("heading", { name: "No data yet — import your Azure usage export" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import data" })).toHaveAttribute("href", `/o/${org.slug}/imports`);
  // Nothing is "out of date" before the first import: the checklist says what to do instead.
  await expect(page.getByTestId("stale-banner")).toHaveCount(0);
  await expect(page.getByTestId("onboarding-checklist")).toContainText("Import your Azure usage");
  await expectAccessible(page);
  await page.goto(`/o/${org.slug}/snapshots`);
  await expect(page.getByRole("heading", { name: "No data yet — import your Azure usage export" })).toBeVisible();
  // The page streams behind its loading skeleton; its layout answers "not found" before that starts, so: 404.
  const missing = await page.goto(`/o/${org.slug}/snapshots/2026-10`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByText("Page not found")).toBeVisible();
});
