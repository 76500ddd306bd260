import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { dataRevisions, imports, organizations, uploads } from "@/db/schema";
import { e2eEnv } from "../playwright.config";
import { scoringFixture } from "../tests/helpers/fixtures";
import { seedOrganization, signIn } from "./fixtures/accounts";
import { e2eDb } from "./fixtures/db";

const fixture = (name: string) => scoringFixture("exclusions-2026", name);

async function importFile(
  page: import("@playwright/test").Page,
  slug: string,
  source: "Azure usage" | "Microsoft 365 licences",
  file: string,
) {
  await page.goto(`/o/${slug}/imports`);
  await page.getByLabel("Data", { exact: true }).selectOption({ label: source });
  await page.getByLabel("Data month").fill("2026-10");
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/imports/[0-9a-f-]{36}$`));
}

test("an analyst imports both files, sees the summary, and a second import asks before replacing months", async ({
  page,
}) => {
  const { org, users } = await seedOrganization({ analyst: "analyst" });
  await e2eDb().update(organizations).set({ ruleSet: "security-2026" }).where(eq(organizations.id, org.id));
  await signIn(page, users.analyst.email);
  await page.goto(`/o/${org.slug}`);
  await expect(page.getByText("No data yet — import your Azure usage export").first()).toBeVisible();

  await importFile(page, org.slug, "Azure usage", fixture("azure.csv"));
  await expect(page.getByText(/rows stored for/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Rows not counted, by reason" })).toContainText("Excluded offer");
  await expect(page.getByRole("table", { name: "Column mapping" })).toContainText("ACR_USD");

  await importFile(page, org.slug, "Microsoft 365 licences", fixture("m365.csv"));
  await expect(page.getByText(/rows stored for/)).toBeVisible({ timeout: 30_000 });

  // The dashboard now shows the worked example's numbers (expected.json: Enterprise 8, SMB 12).
  await expect(async () => {
    await page.goto(`/o/${org.slug}`);
    await expect(page.getByTestId("performance-smb")).toHaveText("12 / 20", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("performance-enterprise")).toHaveText("8 / 20");

  await importFile(page, org.slug, "Azure usage", fixture("azure.csv"));
  await expect(page.getByText("Some months already have data")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Replace those months" }).click();
  await expect(page.getByText(/rows stored for/)).toBeVisible({ timeout: 30_000 });

  const revisions = await e2eDb().select().from(dataRevisions).where(eq(dataRevisions.organizationId, org.id));
  expect(
    revisions
      .filter((r) => r.source === "azure" && r.month === "2026-01")
      .map((r) => r.revision)
      .sort(),
  ).toEqual([1, 2]);
});

test("a file with bad rows is rejected whole, with its errors listed and downloadable", async ({ page }) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}/imports`);
  await page.getByLabel("CSV file").setInputFiles({
    name: "usage.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "CustomerTenantId,Month,ServiceName,AssociationType,ACR_USD\n00000000-0000-4000-8000-000000000001,2026-13,Key Vault,PAL,12\n",
    ),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByText("The file was rejected — nothing was stored")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Errors in the file" })).toContainText("Month");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the errors as CSV" }).click();
  expect((await download).suggestedFilename()).toBe("usage-errors.csv");
  const stored = await e2eDb().select().from(dataRevisions).where(eq(dataRevisions.organizationId, org.id));
  expect(stored).toHaveLength(0);

  // A binary file: refused with a clear error, and the app keeps serving.
  await page.goto(`/o/${org.slug}/imports`);
  await page.getByLabel("CSV file").setInputFiles({
    name: "image.png",
    mimeType: "image/png",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByText("The file was rejected — nothing was stored")).toBeVisible({ timeout: 30_000 });
  expect((await page.request.get("/api/health")).status()).toBe(200);
});

test("an upload over the size limit is refused before its bytes are sent, and nothing is recorded", async ({
  page,
}) => {
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}/imports`);
  // A sparse file one byte over the limit (e2eEnv.IMPORT_MAX_BYTES, 48 MB): the size it declares is refused.
  const file = path.resolve("test-results/e2e-upload-files/big.csv");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "");
  fs.truncateSync(file, Number(e2eEnv.IMPORT_MAX_BYTES) + 1);
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "larger than the import limit of 48.0 MB" })).toBeVisible();
  expect(await e2eDb().select().from(imports).where(eq(imports.organizationId, org.id))).toHaveLength(0);
  expect(await e2eDb().select().from(uploads).where(eq(uploads.organizationId, org.id))).toHaveLength(0);
});

test("a viewer has no import control, and a direct upload request is refused with nothing stored", async ({ page }) => {
  const { org, users } = await seedOrganization({ viewer: "viewer" });
  await signIn(page, users.viewer.email);
  await page.goto(`/o/${org.slug}/imports`);
  await expect(page.getByRole("heading", { name: "Imports", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload and check" })).toHaveCount(0);
  const res = await page.request.post(`/o/${org.slug}/imports/upload?source=azure&dataMonth=2026-10&name=x.csv`, {
    data: "CustomerTenantId,Month,ServiceName,AssociationType,ACR_USD\n",
    headers: { "Content-Type": "text/csv" },
  });
  expect(res.status()).toBe(403);
  expect(await e2eDb().select().from(imports).where(eq(imports.organizationId, org.id))).toHaveLength(0);
});
