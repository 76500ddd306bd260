import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { scoringFixture } from "../tests/helpers/fixtures";
import { seedOrganization, signInOnPage } from "./fixtures/accounts";
import { importThroughPipeline } from "./fixtures/import-through-pipeline";

/**
 * The what-if simulator end to end: an analyst signs in, closes a near miss in a scenario and sees the points
 * change, saves it; a colleague (a viewer) signs in and opens it. The data is the worked example
 * "max-enterprise" (10 Azure tenants gained), a tenant lost since last year (Enterprise: 9 net adds, 18 points)
 * and a near miss at $540.00, imported through the real pipeline.
 */
const NEAR_MISS = "00000000-0000-4000-8000-00000000a002";
const AZURE =
  fs.readFileSync(scoringFixture("max-enterprise", "azure.csv"), "utf8").trimEnd() +
  "\n00000000-0000-4000-8000-00000000a001,Gone Ltd,2025-03,Key Vault,Azure Plan,PAL,700.00" +
  `\n${NEAR_MISS},Near Miss Ltd,2026-06,Key Vault,Azure Plan,PAL,540.00\n`;

test("an analyst builds and saves a scenario; a colleague opens it", async ({ browser }) => {
  test.setTimeout(420_000);
  const { org, users } = await seedOrganization({ analyst: "analyst", colleague: "viewer" });
  await importThroughPipeline(org.id, users.analyst.id, "azure", AZURE, "azure.csv");

  const analyst = await browser.newContext();
  const page = await analyst.newPage();
  await page.goto("/sign-in");
  await signInOnPage(page, users.analyst.email);
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.getByRole("link", { name: "Simulator" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/simulate$`), { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "What-if simulator" })).toBeVisible({ timeout: 60_000 });
  const enterprise = page.getByTestId("points-2026-10-enterprise");
  await expect(enterprise).toHaveText("18");

  // The plan names the near miss as the cheapest change: $60.00 more eligible ACR.
  await expect(page.getByRole("region", { name: "Plan for Enterprise" })).toContainText("Near Miss Ltd");

  await page.getByLabel("Tenant (name or GUID)").fill(NEAR_MISS);
  await page.getByLabel("Months", { exact: true }).fill("2026-10");
  await page.getByLabel("Eligible ACR per month (USD, negative removes)").fill("60");
  await page.getByRole("button", { name: "Add change" }).click();
  await expect(page.getByRole("region", { name: "Changes in this scenario" })).toContainText(
    `Add $60.00 eligible ACR for ${NEAR_MISS} in 2026-10`,
  );
  await expect(enterprise).toContainText("20", { timeout: 30_000 });
  await expect(enterprise).toContainText("(was 18)");
  await expect(page.getByRole("table", { name: "Tenants that start or stop counting" })).toContainText("Near Miss Ltd");

  await page.getByLabel("Scenario name").fill("Close the near miss");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await expect(page).toHaveURL(/\?scenario=[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("list", { name: "Saved scenarios" })).toContainText("Close the near miss");
  await analyst.close();

  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await other.goto("/sign-in");
  await signInOnPage(other, users.colleague.email);
  await expect(other).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await other.goto(`/o/${org.slug}/simulate`);
  await other.getByRole("link", { name: "Close the near miss" }).click({ timeout: 60_000 });
  await expect(other).toHaveURL(/\?scenario=/, { timeout: 60_000 });
  await expect(other.getByRole("region", { name: "Changes in this scenario" })).toContainText(
    `Add $60.00 eligible ACR for ${NEAR_MISS} in 2026-10`,
    { timeout: 60_000 },
  );
  await expect(other.getByTestId("points-2026-10-enterprise")).toContainText("20");
  // A viewer may simulate but not save.
  await expect(other.getByRole("button", { name: /^Save/ })).toHaveCount(0);
  await colleague.close();
});
