import { expect, test } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { azureUsage, dataRevisions, imports } from "@/db/schema";
import { seedOrganization, signIn } from "./fixtures/accounts";
import { e2eDb } from "./fixtures/db";

const RENAMED =
  "Tenant GUID,CustomerName,Usage Period,ServiceName,Attribution,Revenue USD\n" +
  "00000000-0000-4000-8000-000000000001,Contoso,2026-09,Key Vault,PAL,700.25\n" +
  "00000000-0000-4000-8000-000000000002,Fabrikam,2026-09,Azure Firewall,CSP Tier 1,12\n";

test("a file with renamed headers: map the columns, see the preview, import, see the rows; the mapping is saved", async ({
  page,
}) => {
  const { org, users } = await seedOrganization({ analyst: "analyst" });
  await signIn(page, users.analyst.email);
  await page.goto(`/o/${org.slug}/imports`);
  await page.getByLabel("Data", { exact: true }).selectOption({ label: "Azure usage" });
  await page.getByLabel("Data month").fill("2026-10");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "renamed.csv", mimeType: "text/csv", buffer: Buffer.from(RENAMED) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/imports/[0-9a-f-]{36}$`));
  await expect(page.getByText("Map the file's columns")).toBeVisible({ timeout: 60_000 });

  // The same column for two fields is refused with a message that names it.
  await page.getByLabel("CustomerTenantId (required)").selectOption("Tenant GUID");
  await page.getByLabel("Month (required)").selectOption("Usage Period");
  await page.getByLabel("AssociationType (required)").selectOption("Attribution");
  await page.getByLabel("ACR_USD (required)").selectOption("Tenant GUID");
  await page.getByRole("button", { name: "Save the mapping and import" }).click();
  await expect(page.getByText('The column "Tenant GUID" is already mapped to CustomerTenantId')).toBeVisible({
    timeout: 30_000,
  });

  await page.getByLabel("ACR_USD (required)").selectOption("Revenue USD");
  const preview = page.getByRole("table", { name: "Preview under the mapping" });
  await expect(preview).toContainText("ACR_USD");
  await expect(preview).toContainText("700.25");
  await expect(preview).toContainText("2026-09");
  await page.getByRole("button", { name: "Save the mapping and import" }).click();
  await expect(page.getByText(/2 rows stored for 2026-09/)).toBeVisible({ timeout: 60_000 });

  const [imp] = await e2eDb().select().from(imports).where(eq(imports.organizationId, org.id));
  const revisions = await e2eDb().select().from(dataRevisions).where(eq(dataRevisions.importId, imp!.id));
  const rows = await e2eDb()
    .select()
    .from(azureUsage)
    .where(
      inArray(
        azureUsage.revisionId,
        revisions.map((r) => r.id),
      ),
    );
  expect(rows.map((r) => [r.tenantId, r.service, String(r.acrMicros)]).sort()).toEqual([
    ["00000000-0000-4000-8000-000000000001", "Key Vault", "700250000"],
    ["00000000-0000-4000-8000-000000000002", "Azure Firewall", "12000000"],
  ]);

  await page.goto(`/o/${org.slug}/data`);
  const saved = page.getByRole("table", { name: "Saved column mappings" });
  await expect(saved).toContainText("ACR_USD ← Revenue USD");
  await expect(saved).toContainText("CustomerTenantId ← Tenant GUID");
});
