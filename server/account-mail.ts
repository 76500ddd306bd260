import type { MailMessage, SendMail } from "./mailer";

/** Where account e-mails go and which origin their links use; built from the request in production. */
export type MailContext = { origin: string; send: SendMail };

/** Verification links stay valid this long; the reset link for an hour (issue 12). */
export const VERIFICATION_TTL_MS = 24 * 60 * 60_000;
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;

const SIGNATURE = "\n\n— Partner Capability Portal";

export function verificationMail(origin: string, to: string, token: string): MailMessage {
  return {
    to,
    subject: "Confirm your e-mail address",
    text:
      `Confirm that this is your address to start using the Partner Capability Portal:\n${origin}/verify-email/${token}\n\n` +
      `The link works once, for 24 hours. If you did not create an account, ignore this e-mail.` +
      SIGNATURE,
  };
}

/** Sent instead of a second account: the owner learns of the attempt, the person signing up learns nothing. */
export function accountExistsMail(origin: string, to: string): MailMessage {
  return {
    to,
    subject: "Someone tried to create an account with your address",
    text:
      `Someone — perhaps you — tried to create a Partner Capability Portal account with this address, which already has one. ` +
      `Nothing has changed.\n\nSign in: ${origin}/sign-in\nForgot your password? ${origin}/forgot-password\n\n` +
      `If this was not you, you can ignore this e-mail.` +
      SIGNATURE,
  };
}

export function passwordResetMail(origin: string, to: string, token: string): MailMessage {
  return {
    to,
    subject: "Reset your password",
    text:
      `Choose a new password for your Partner Capability Portal account:\n${origin}/reset-password/${token}\n\n` +
      `The link works once, for 1 hour. Setting a new password signs you out everywhere. ` +
      `If you did not ask for this, ignore this e-mail: your password stays as it is.` +
      SIGNATURE,
  };
}
