import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { seedOrganization, signIn } from "./fixtures/accounts";

/**
 * The content a partner admin reads: dollars with cents (exact on hover), names in natural order, the compare
 * page explaining a change in net adds, the first-run checklist, sample data in and out, the guide's files, the
 * audit log in sentences, and the invitation link's copy button. Everything goes through the pages.
 */

/**
 * 2026-09 → 2026-10, Azure only. "Customer 1" qualifies in the current window of both months ($676.734026).
 * "Customer 2" and "Customer 10" spent $700 in 2025-10 and $700 in 2026-05: in 2026-09 both months are in the
 * current window and the previous window has nothing (gained); in 2026-10, 2025-10 moves into the previous window
 * (retained). Net adds go from +3 to +1: −2, "2 tenants now count in the previous window", Enterprise 6 → 2.
 */
const AZURE = [
  "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD",
  "00000000-0000-4000-8000-0000000c0001,Customer 1,2026-01,Key Vault,Azure Plan,PAL,676.734026",
  "00000000-0000-4000-8000-0000000c0010,Customer 10,2025-10,Key Vault,Azure Plan,PAL,700",
  "00000000-0000-4000-8000-0000000c0010,Customer 10,2026-05,Key Vault,Azure Plan,PAL,700",
  "00000000-0000-4000-8000-0000000c0002,Customer 2,2025-10,Key Vault,Azure Plan,PAL,700",
  "00000000-0000-4000-8000-0000000c0002,Customer 2,2026-05,Key Vault,Azure Plan,PAL,700",
].join("\n");

/** Files handed to the file input, removed after the spec. */
const tempDirs: string[] = [];
test.afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempCsv(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcp-e2e-"));
  tempDirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function importFile(page: Page, slug: string, source: "Azure usage" | "Microsoft 365 licences", file: string) {
  await page.goto(`/o/${slug}/imports`);
  await page.getByLabel("Data", { exact: true }).selectOption({ label: source });
  await page.getByLabel("Data month").fill("2026-10");
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/imports/[0-9a-f-]{36}$`));
  await expect(page.getByText(/rows stored for/)).toBeVisible({ timeout: 30_000 });
}

test("compare explains a drop in net adds; money has cents with the exact amount on hover; names sort naturally", async ({
  page,
}) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await importFile(page, org.slug, "Azure usage", tempCsv("azure.csv", AZURE));

  await expect(async () => {
    await page.goto(`/o/${org.slug}/snapshots/compare?a=2026-09&b=2026-10`);
    await expect(page.getByTestId("change-sentence-enterprise")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("compare-enterprise").getByRole("cell")).toHaveText([
    "Enterprise",
    "+3",
    "+1",
    "6",
    "2",
    "\u22124",
  ]);
  await expect(page.getByTestId("change-sentence-enterprise")).toHaveText(
    "\u22122 net adds: 2 tenants now count in the previous window.",
  );
  await expect(page.getByTestId("change-sentence-smb")).toHaveText(
    "\u22122 net adds: 2 tenants now count in the previous window.",
  );
  const entered = page.getByTestId("list-enterprise-azure-enteredPrevious");
  await expect(entered).toContainText("Now count in the previous window (2)");
  await expect(entered.getByRole("link")).toHaveText(["Customer 2", "Customer 10"]);
  for (const change of ["startedCurrent", "stoppedCurrent", "leftPrevious"]) {
    await expect(page.getByTestId(`list-enterprise-azure-${change}`)).toContainText("(0)");
  }
  await page.screenshot({ path: "test-results/screenshots/compare-explained.png", fullPage: true });

  // The snapshot: dollars with cents, the exact amount in the title, names in natural order.
  await page.goto(`/o/${org.slug}/snapshots/2026-10`);
  const table = page.getByRole("table", { name: "Customer tenants, 2026-10" });
  const names = table.locator("tbody tr td:first-child a");
  await expect(names).toHaveText(["Customer 1", "Customer 2", "Customer 10"]);
  const money = table.getByText("$676.73", { exact: true });
  await expect(money).toBeVisible();
  await expect(money).toHaveAttribute("title", "$676.734026");
  await expect(table).not.toContainText("676.734026");
  await table.getByRole("link", { name: /^Customer\s*, sorted ascending/ }).click();
  await expect(names).toHaveText(["Customer 10", "Customer 2", "Customer 1"]);

  // The CSV export keeps every digit.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download tenants as CSV" }).click();
  const csv = fs.readFileSync((await (await download).path())!, "utf8");
  expect(csv).toContain("676.734026");
});

test("a new organisation gets a checklist instead of a staleness warning, and tries sample data in one click", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}`);
  await expect(page.getByTestId("stale-banner")).toHaveCount(0);
  const checklist = page.getByTestId("onboarding-checklist");
  await expect(checklist).toContainText("0 of 4 steps done.");
  for (const step of ["azure", "m365", "colleague", "points"]) {
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute("data-done", "false");
  }

  await page.getByRole("button", { name: "Try it with sample data" }).click();
  await expect(page.getByTestId("sample-data-notice")).toBeVisible();
  // The notice refreshes the page until the generated files are imported and the snapshots computed.
  await expect(page.getByText("You are looking at sample data")).toBeVisible({ timeout: 120_000 });
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("performance-enterprise")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("step-azure")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("step-m365")).toHaveAttribute("data-done", "true");
  await expect(checklist).toContainText("2 of 4 steps done.");
  await page.screenshot({ path: "test-results/screenshots/sample-data-dashboard.png", fullPage: true });

  await page.getByRole("button", { name: "Clear sample data" }).click();
  await expect(page.getByText("No data yet — import your Azure usage export")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("sample-data-notice")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("performance-enterprise")).toHaveCount(0);
  await expect(page.getByTestId("step-azure")).toHaveAttribute("data-done", "false");

  // The audit log says what happened, in sentences, with the details one click away.
  await page.goto(`/o/${org.slug}/audit`);
  const sentences = page.getByTestId("audit-sentence");
  await expect(sentences.first()).toHaveText(`${users.admin.name} cleared the sample data.`);
  await expect(
    sentences.filter({ hasText: "filled the organisation with sample data (40 tenants, 24 months)" }),
  ).toHaveCount(1);
  await expect(page.getByText("sampleData.load")).toBeHidden();
  await expect(page.getByText("::1")).toHaveCount(0);
});

test("the guide's sample file imports cleanly and the template is a header row", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}`);
  await page.getByRole("link", { name: "Where do I get these files?" }).first().click();
  await expect(page.getByRole("heading", { name: "Where do I get these files?" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Columns of the Azure usage file" })).toContainText("ACR_USD");

  const template = page.waitForEvent("download");
  await page.locator("#azure").getByRole("link", { name: "Blank template" }).click();
  const header = fs.readFileSync((await (await template).path())!, "utf8");
  expect(header).toBe(
    "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel\r\n",
  );
  const sample = page.waitForEvent("download");
  await page.locator("#m365").getByRole("link", { name: "Sample file" }).click();
  const file = await sample;
  const saved = tempCsv("m365-licences-sample.csv", fs.readFileSync((await file.path())!, "utf8"));
  await importFile(page, org.slug, "Microsoft 365 licences", saved);
  await expect(page.getByText(/rows stored for/)).toBeVisible();
});
