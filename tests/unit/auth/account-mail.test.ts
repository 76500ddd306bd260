import { afterEach, describe, expect, it, vi } from "vitest";

const message = { to: "new@example.test", subject: "Confirm", text: "https://portal.test/verify-email/TOKEN" };

/** Without SMTP, `npm run dev` must still let a new sign-up confirm its address; production must never log links. */
describe("account e-mail without SMTP_URL", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it("prints the message, link included, to the console in development", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("SMTP_URL", "");
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const { sendAccountMail } = await import("@/server/mailer");
    expect(await sendAccountMail(message)).toBe(true);
    expect(info.mock.calls.flat().join("\n")).toContain(message.text);
  });

  it("sends nothing and logs no link in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("AUTH_SECRET", "x".repeat(40));
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { sendAccountMail } = await import("@/server/mailer");
    expect(await sendAccountMail(message)).toBe(false);
    expect(info).not.toHaveBeenCalled();
    expect(warn.mock.calls.flat().join("\n")).not.toContain("TOKEN");
  });
});
