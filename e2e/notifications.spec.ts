import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { findSnapshot } from "../tests/integration/helpers/snapshots";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/webhooks/signature";
import { seedOrganization, signIn } from "./fixtures/accounts";
import { e2eDb } from "./fixtures/db";
import { startMailCapture } from "./fixtures/mail-capture";

const FILE =
  "CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD\n" +
  "00000000-0000-4000-8000-000000000001,Contoso,2026-09,Key Vault,PAL,700\n" +
  "00000000-0000-4000-8000-000000000002,Fabrikam,2026-09,Key Vault,PAL,500\n";

let mail: Awaited<ReturnType<typeof startMailCapture>>;
test.beforeAll(async () => {
  mail = await startMailCapture();
});
test.afterAll(async () => mail.close());

test("opt in on the account page, import: the e-mail has the refresh's numbers and the webhook gets a signed event", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The receiving system: checks every request's signature with the secret the settings page showed once.
  let secret = "";
  const events: { verified: boolean; type: string; month?: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const parsed = JSON.parse(body) as { type: string; data: { month?: string } };
      events.push({
        verified: verifySignature(req.headers[SIGNATURE_HEADER.toLowerCase()] as string, secret, body),
        type: parsed.type,
        month: parsed.data.month,
      });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  try {
    const { org, users } = await seedOrganization({ admin: "admin", viewer: "viewer" });
    await signIn(page, users.admin.email);

    await page.goto("/account/notifications");
    await page.getByRole("button", { name: `E-mail me after each refresh of ${org.name}` }).click();
    await expect(page.getByRole("button", { name: `Stop e-mails for ${org.name}` })).toBeVisible({ timeout: 30_000 });
    await page.goto(`/o/${org.slug}/members`);
    await expect(page.getByRole("row", { name: new RegExp(users.admin.email) })).toContainText("After each refresh");
    await expect(page.getByRole("row", { name: new RegExp(users.viewer.email) })).toContainText("None");

    await page.goto(`/o/${org.slug}/settings`);
    const port = (receiver.address() as AddressInfo).port;
    await page.getByLabel("Webhook URL").fill(`http://127.0.0.1:${port}/hook`);
    await page.getByRole("button", { name: "Save the webhook" }).click();
    secret = (await page.getByLabel("Signing secret").textContent({ timeout: 30_000 }))!.trim();
    expect(secret).toMatch(/^whsec_/);

    const before = mail.mails.length;
    await page.goto(`/o/${org.slug}/imports`);
    await page.getByLabel("Data", { exact: true }).selectOption({ label: "Azure usage" });
    await page.getByLabel("Data month").fill("2026-09");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "azure.csv", mimeType: "text/csv", buffer: Buffer.from(FILE) });
    await page.getByRole("button", { name: "Upload and check" }).click();
    await expect(page.getByText(/2 rows stored for 2026-09/)).toBeVisible({ timeout: 60_000 });

    await expect.poll(() => mail.bodiesTo(users.admin.email).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const snapshot = await findSnapshot(e2eDb(), org.id, "2026-09");
    const { enterprise, smb } = snapshot!.result.tracks;
    const body = mail.bodiesTo(users.admin.email).at(-1)!;
    expect(body).toContain(`${org.name}: 2026-09 data refreshed`);
    expect(body).toContain(`Enterprise: ${enterprise.points} of 20 points (new), +1 net adds (new); 1 gained, 0 lost`);
    expect(body).toContain(`SMB: ${smb.points} of 20 points (new), +1 net adds (new); 1 gained, 0 lost`);
    expect(body).toContain("Nearest misses: 1");
    expect(body).toContain(`/o/${org.slug}/snapshots/2026-09`);
    // Only the person who opted in.
    expect(mail.mails.slice(before).flatMap((m) => m.to)).toEqual([users.admin.email]);

    await expect.poll(() => events.length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(events[0]).toEqual({ verified: true, type: "refresh.completed", month: "2026-09" });

    await page.goto(`/o/${org.slug}/settings`);
    await page.getByRole("button", { name: "Send a test event" }).click();
    await expect.poll(() => events.length, { timeout: 60_000 }).toBe(2);
    expect(events[1]).toMatchObject({ verified: true, type: "test" });
    await page.reload();
    await expect(page.getByRole("table", { name: "Webhook deliveries" })).toContainText("delivered");
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});
