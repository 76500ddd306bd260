import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { seedOrganization, signIn } from "./fixtures/accounts";

const AZURE =
  "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n" +
  "00000000-0000-4000-8000-00000000a001,Fabrikam,2026-09,Key Vault,Azure Plan,PAL,700.00\n" +
  "00000000-0000-4000-8000-00000000a001,Fabrikam,2026-10,Key Vault,Azure Plan,PAL,650.00\n";

/** Runs `pcs remote …` against the running app, the token in the environment. */
function pcs(args: string[], env: Record<string, string>) {
  const res = spawnSync("node", ["--import", "tsx", "scripts/pcs.ts", "remote", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

test("an admin creates a token, shown once; it reads the API and uploads with pcs remote; revoked, it gets 401", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const { org, users } = await seedOrganization({ admin: "admin" });
  await signIn(page, users.admin.email);
  await page.goto(`/o/${org.slug}/settings`);
  await page.getByRole("link", { name: "Manage API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  await page.getByLabel("Name").fill("BI refresh");
  await page.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: /^Analyst/ }).click();
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-api-token");
  await expect(shown).toBeVisible({ timeout: 30_000 });
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^pcp_[A-Za-z0-9_-]{43}$/);

  // Shown once: after a reload the list has the token's hint only, never the token.
  await page.reload();
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  const row = page.getByTestId("api-token-row").filter({ hasText: "BI refresh" });
  await expect(row).toContainText(token.slice(0, 10));
  expect(await page.content()).not.toContain(token);

  // The token reads /api/v1 from a request context of its own: no session cookie, the Bearer token only.
  const bare = await request.newContext({ baseURL });
  const auth = { Authorization: `Bearer ${token}` };
  const empty = await bare.get(`/api/v1/orgs/${org.slug}/snapshots`, { headers: auth });
  expect(empty.status()).toBe(200);
  expect(await empty.json()).toEqual({ data: [] });

  // pcs remote uploads a file through the tus route and waits for the import; then reads the snapshot.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcs-remote-"));
  try {
    const file = path.join(dir, "azure.csv");
    fs.writeFileSync(file, AZURE);
    const env = { PCP_API_TOKEN: token };
    const common = ["--url", baseURL!, "--org", org.slug];
    const uploaded = pcs(["upload", ...common, "--source", "azure", "--file", file, "--month", "2026-10"], env);
    expect(uploaded.stderr).toBe("");
    expect(uploaded.status).toBe(0);
    expect(JSON.parse(uploaded.stdout)).toMatchObject({ status: "succeeded", fileName: "azure.csv" });

    await expect
      .poll(async () => (await bare.get(`/api/v1/orgs/${org.slug}/snapshots/2026-10`, { headers: auth })).status(), {
        timeout: 60_000,
      })
      .toBe(200);
    const snapshot = pcs(["snapshot", ...common, "--month", "2026-10"], env);
    expect(snapshot.status).toBe(0);
    expect(JSON.parse(snapshot.stdout)).toMatchObject({ month: "2026-10" });
    const tenants = pcs(["tenants", ...common, "--month", "2026-10"], env);
    expect(tenants.status).toBe(0);
    expect(JSON.parse(tenants.stdout)).toEqual([
      expect.objectContaining({ tenantId: "00000000-0000-4000-8000-00000000a001", eligibleAcrCurrent: "1350.00" }),
    ]);

    // The list shows the token's last use.
    await page.reload();
    await expect(row).not.toContainText("Never", { timeout: 10_000 });

    // Revoked, the token gets 401 from the API and pcs remote exits 1.
    await row.getByRole("button", { name: "Revoke BI refresh" }).click();
    await expect(row.getByText("Revoked")).toBeVisible({ timeout: 30_000 });
    const refused = await bare.get(`/api/v1/orgs/${org.slug}/snapshots`, { headers: auth });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
    expect(refused.headers()["www-authenticate"]).toContain("invalid_token");
    const after = pcs(["snapshot", ...common], env);
    expect(after.status).toBe(1);
    expect(after.stderr).toContain("not valid");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await bare.dispose();
  }
});

test("the API reference page and the OpenAPI document are served", async ({ page }) => {
  const res = await page.goto("/api-docs");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: /Partner Capability Portal API/ })).toBeVisible();
  await expect(page.getByTestId("api-operation").first()).toBeVisible();
  const doc = await page.request.get("/api/v1/openapi.json");
  expect((await doc.json()).openapi).toBe("3.1.0");
});
