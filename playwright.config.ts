import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests run against the built app (`next build` first, then `next start`) on a fresh
 * PostgreSQL database that `npm test` creates (E2E_DATABASE_URL) so that every spec can seed its
 * own organisation and users straight into the database, as documenso's specs do.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
/** The local OpenID provider that e2e/oidc.spec.ts starts, standing in for Microsoft Entra ID. */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3199);
/**
 * Next 16 reports "localhost" as the host of every request it serves, while Auth.js's sign-in action uses the
 * Host header; the OpenID redirect_uri of the authorize and token requests only agree when the browser itself
 * uses "localhost", so the OpenID spec does.
 */
export const OIDC_PORTAL_ORIGIN = `http://localhost:${port}`;
/** The local fake Partner Center (token endpoint and insights API) that e2e/partner-center.spec.ts starts. */
export const PARTNER_CENTER_PORT = Number(process.env.E2E_PARTNER_CENTER_PORT ?? port + 5);
export const e2eEnv = {
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  AUTH_TRUST_HOST: "true",
  SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 2526}`,
  NEXT_TELEMETRY_DISABLED: "1",
  // Above the 30–40 MB files of e2e/uploads.spec.ts, small enough that the specs send more than it quickly.
  IMPORT_MAX_BYTES: String(48 * 1024 * 1024),
  AUTH_MICROSOFT_ENTRA_ID_ID: "e2e-portal",
  AUTH_MICROSOFT_ENTRA_ID_SECRET: "e2e-portal-secret-e2e-portal-secret",
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
  // The Partner Center connector talks to the spec's fake, and checks a running report every second.
  PCP_ENCRYPTION_KEY: "ZTJlLWVuY3J5cHRpb24ta2V5LTMyLWJ5dGVzLWxvbmc=",
  PARTNER_CENTER_API_URL: `http://127.0.0.1:${PARTNER_CENTER_PORT}`,
  PARTNER_CENTER_AUTHORITY_URL: `http://127.0.0.1:${PARTNER_CENTER_PORT}`,
  PARTNER_CENTER_POLL_SECONDS: "1",
  // e2e/notifications.spec.ts's webhook receiver listens on loopback (lib/webhooks/address.ts refuses it otherwise).
  WEBHOOK_ALLOW_LOOPBACK: "true",
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: e2eEnv,
    stdout: "pipe",
    stderr: "pipe",
  },
});
