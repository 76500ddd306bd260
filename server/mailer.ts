import { serverEnv } from "@/lib/env";

/**
 * Sends a plain-text e-mail through SMTP_URL. Returns false (and logs why) when no SMTP server is
 * configured or sending fails, so the caller can show the link instead.
 */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const env = serverEnv();
  if (!env.SMTP_URL) return false;
  try {
    const nodemailer = await import("nodemailer");
    const transport = nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM, ...message });
    return true;
  } catch (err) {
    console.error(`E-mail to ${message.to} could not be sent: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
