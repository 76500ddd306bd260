import type { Db } from "@/db/client";
import { findDelivery, recordDeliveryAttempt, refreshRecipients } from "@/db/queries/notifications";
import { findOrganizationById } from "@/db/queries/organizations";
import type { Job } from "@/db/schema";
import { serverEnv } from "@/lib/env";
import { composeRefreshMessage } from "@/lib/notifications/refresh-message";
import type { RefreshSummary } from "@/lib/notifications/refresh-summary";
import { FinalJobError, MAX_ATTEMPTS } from "../jobs/queue";
import { deliverMail, smtpConfigured, type SendMail } from "../mailer";

/** Where links in background e-mails point: AUTH_URL (there is no request to take a host from). */
export function portalBaseUrl(): string {
  return serverEnv().AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/**
 * Sends one person's e-mail for one refresh (`notifications.mail` job). The delivery row is the de-duplication:
 * one per person and refresh, and a delivery already sent is never sent again. A person who opted out or left
 * the organisation since the refresh gets nothing. An SMTP failure is recorded and thrown, so the job queue tries
 * again with backoff; on the last attempt the delivery ends failed.
 */
export async function sendRefreshMail(db: Db, job: Job, send: SendMail = throwingSend): Promise<void> {
  const found = await findDelivery(db, String(job.payload.deliveryId));
  if (!found || found.delivery.status !== "pending") return;
  const { delivery, event, email } = found;
  const stillWanted = (await refreshRecipients(db, event.organizationId)).some((r) => r.userId === delivery.userId);
  if (!stillWanted || !smtpConfigured()) {
    await recordDeliveryAttempt(db, delivery.id, {
      status: "failed",
      error: stillWanted ? "SMTP_URL is not set" : "no longer asked for",
    });
    return;
  }
  const org = await findOrganizationById(db, event.organizationId);
  if (!org) return;
  const message = composeRefreshMessage(event.summary as unknown as RefreshSummary, {
    organizationName: org.name,
    slug: org.slug,
    baseUrl: portalBaseUrl(),
  });
  try {
    await send({ to: email, ...message });
  } catch (err) {
    const last = job.attempts >= MAX_ATTEMPTS["notifications.mail"];
    const error = err instanceof Error ? err.message : String(err);
    await recordDeliveryAttempt(db, delivery.id, { status: last ? "failed" : "pending", error });
    if (last) throw new FinalJobError(`refresh e-mail ${delivery.id} failed: ${error}`);
    throw new Error(`refresh e-mail ${delivery.id} failed: ${error}`, { cause: err });
  }
  await recordDeliveryAttempt(db, delivery.id, { status: "sent" });
}

const throwingSend: SendMail = async (message) => {
  await deliverMail(message);
  return true;
};
