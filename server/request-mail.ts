import { after } from "next/server";
import type { MailContext } from "./account-mail";
import { sendAccountMail } from "./mailer";
import { publicOrigin } from "./request-context";

/**
 * Account mail for the current request. By default the message is sent after the response has gone
 * (`after`), so how long sending takes — or whether a message was sent at all — cannot be read from the
 * response time (sign-up and forgot-password answer the same for known and unknown addresses). `wait`
 * sends before answering, for "resend" where the person is told whether it worked.
 */
export async function requestMailContext(options: { wait?: boolean } = {}): Promise<MailContext> {
  const origin = await publicOrigin();
  if (options.wait) return { origin, send: sendAccountMail };
  return {
    origin,
    send: async (message) => {
      after(() => sendAccountMail(message).then(() => undefined));
      return true;
    },
  };
}
