import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import {
  endWebhookDelivery,
  findWebhook,
  findWebhookDelivery,
  insertWebhookDelivery,
  recordWebhookAttempt,
} from "@/db/queries/notifications";
import type { Job } from "@/db/schema";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/webhooks/signature";
import { enqueueJob, FinalJobError, MAX_ATTEMPTS } from "../jobs/queue";
import { openSecret, SecretUnreadableError } from "./secret-box";
import { postJson, RefusedAddressError } from "./post";

/**
 * Webhook deliveries (issue 15): each event is one `webhook_deliveries` row and one `webhook.deliver` job, so
 * retries use the job queue's backoff (5 s, 15 s, 45 s, then a minute) and survive a restart. A 2xx answer
 * delivers it; any other answer, a timeout or a network error is tried again up to the job's attempts; a
 * refused address or an unreadable secret ends it at once (another try cannot help).
 */
export async function queueWebhookEvent(
  tx: Db,
  organizationId: string,
  event: { type: "refresh.completed" | "test"; id?: string; data: Record<string, unknown> },
): Promise<string | null> {
  if (!(await findWebhook(tx, organizationId))) return null;
  const eventId = event.id ?? randomUUID();
  const payload = { id: eventId, type: event.type, created: new Date().toISOString(), data: event.data };
  const row = await insertWebhookDelivery(tx, { organizationId, eventType: event.type, eventId, payload });
  if (!row) return null;
  await enqueueJob(tx, { kind: "webhook.deliver", organizationId, payload: { deliveryId: row.id } });
  return row.id;
}

export async function deliverWebhook(db: Db, job: Job): Promise<void> {
  const delivery = await findWebhookDelivery(db, String(job.payload.deliveryId));
  if (!delivery || delivery.status !== "pending") return;
  const hook = await findWebhook(db, delivery.organizationId);
  if (!hook) {
    await endWebhookDelivery(db, delivery.id, "the webhook was removed before the event could be sent");
    return;
  }
  const body = JSON.stringify(delivery.payload);
  // On the job's last attempt a failure is the delivery's end: the log says failed, not pending.
  const last = job.attempts >= MAX_ATTEMPTS["webhook.deliver"];
  let status: number;
  try {
    const secret = openSecret(hook.secretCiphertext);
    const timestamp = Math.floor(Date.now() / 1000);
    status = await postJson(hook.url, body, {
      [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
      "User-Agent": "PartnerCapabilityPortal-Webhook/1",
      "PCP-Event-Id": delivery.eventId,
      "PCP-Event-Type": delivery.eventType,
    });
  } catch (err) {
    const final = err instanceof RefusedAddressError || err instanceof SecretUnreadableError;
    const message = err instanceof Error ? err.message : String(err);
    await recordWebhookAttempt(db, delivery.id, { status: final || last ? "failed" : "pending", error: message });
    if (final) throw new FinalJobError(`webhook delivery ${delivery.id} refused: ${message}`);
    throw new Error(`webhook delivery ${delivery.id} failed: ${message}`, { cause: err });
  }
  const ok = status >= 200 && status < 300;
  await recordWebhookAttempt(db, delivery.id, {
    status: ok ? "delivered" : last ? "failed" : "pending",
    responseStatus: status,
    error: ok ? null : `the receiver answered ${status}`,
  });
  if (!ok) throw new Error(`webhook delivery ${delivery.id}: the receiver answered ${status}`);
}

/** The job gave up: the delivery is marked failed, with its last error kept. */
export async function abandonWebhookDelivery(db: Db, job: Job, reason: string): Promise<void> {
  const delivery = await findWebhookDelivery(db, String(job.payload.deliveryId));
  if (delivery?.status === "pending")
    await endWebhookDelivery(db, delivery.id, delivery.lastError ?? `gave up: ${reason}`);
}
