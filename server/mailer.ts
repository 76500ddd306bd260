import { serverEnv } from "@/lib/env";

export type MailMessage = { to: string; subject: string; text: string; html?: string };
/** How server functions send mail; tests pass one that keeps the messages. */
export type SendMail = (message: MailMessage) => Promise<boolean>;

export function smtpConfigured(): boolean {
  return Boolean(serverEnv().SMTP_URL);
}

/**
 * Sends a plain-text e-mail through SMTP_URL. Returns false (and logs why) when no SMTP server is
 * configured or sending fails.
 */
export async function sendMail(message: MailMessage): Promise<boolean> {
  if (!serverEnv().SMTP_URL) return false;
  try {
    await deliverMail(message);
    return true;
  } catch (err) {
    console.error(`E-mail to ${message.to} could not be sent: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

/**
 * Sends through SMTP_URL and throws when the server refuses or cannot be reached, so a background job can try
 * again later (the refresh e-mails, issue 15). The caller checks smtpConfigured() first.
 */
export async function deliverMail(message: MailMessage): Promise<void> {
  const env = serverEnv();
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set");
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.MAIL_FROM, ...message });
}

/**
 * Account e-mails (verification, password reset, sign-up notices). Without SMTP in development, the message
 * (and its link) is printed to the server's console so `npm run dev` stays usable; never in production, where
 * a log must not hold a working link to someone's account.
 */
export async function sendAccountMail(message: MailMessage): Promise<boolean> {
  if (smtpConfigured()) return sendMail(message);
  if (serverEnv().NODE_ENV === "development") {
    console.info(`\n[dev mail, no SMTP_URL] To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`);
    return true;
  }
  console.warn(`An account e-mail to ${message.to} was not sent: SMTP_URL is not set.`);
  return false;
}
