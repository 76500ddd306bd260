import { expect, test } from "@playwright/test";

test("the health route reports a PostgreSQL round-trip", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.database.driver).toBe("postgres");
  expect(typeof body.database.roundTripMs).toBe("number");
});

test("an unknown page shows the friendly 404 with a way home", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: /home/i }).first().click();
  await expect(page).toHaveURL(/\/$/);
});
