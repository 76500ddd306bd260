import { isIP } from "node:net";
import { z } from "zod";
import { deleteWebhook, findWebhook, saveWebhook, setAfterRefresh } from "@/db/queries/notifications";
import { serverEnv } from "@/lib/env";
import { refusedAddress, refusedUrl } from "@/lib/webhooks/address";
import { ActionFailure, defineOrgAction, personOf } from "../org-action";
import { queueWebhookEvent } from "../webhooks/deliver";
import { newSigningSecret, sealSecret } from "../webhooks/secret-box";

/** A person's own "e-mail me after each data refresh" choice in this organisation (any member, for themself). */
export const setRefreshEmailAction = defineOrgAction({
  name: "notifications.setPreference",
  permission: "org.view",
  input: z.object({ afterRefresh: z.enum(["true", "false"]).transform((v) => v === "true") }),
  handler: async (tx, { org, input, ...who }) => {
    const user = personOf(who);
    const before = await setAfterRefresh(tx, user.id, org.id, input.afterRefresh);
    return {
      result: { afterRefresh: input.afterRefresh },
      audit: {
        objectType: "notification_preference",
        objectId: user.id,
        before: { afterRefresh: before },
        after: { afterRefresh: input.afterRefresh },
      },
    };
  },
});

const webhookUrl = z
  .string()
  .trim()
  .max(2000, "The URL is longer than 2,000 characters.")
  .superRefine((value, ctx) => {
    const why = refusedUrl(value) ?? refusedHost(new URL(value).hostname);
    if (why) ctx.addIssue({ code: "custom", message: why });
  });

/** A literal address or "localhost" is checked when saved; host names are checked on every send (post.ts). */
function refusedHost(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const policy = { allowLoopback: serverEnv().WEBHOOK_ALLOW_LOOPBACK === "true" };
  const address = host === "localhost" || host.endsWith(".localhost") ? "127.0.0.1" : host;
  if (!isIP(address)) return null;
  const why = refusedAddress(address, policy);
  return why ? `This URL points to ${why}, which webhooks may not reach.` : null;
}

/**
 * Sets the organisation's webhook URL with a NEW signing secret, returned once (shown to the admin, never
 * again: only its encryption is stored). Audited with the URL, never the secret.
 */
export const saveWebhookAction = defineOrgAction({
  name: "webhook.save",
  permission: "org.settings",
  input: z.object({ url: webhookUrl }),
  handler: async (tx, { org, input, ...who }) => {
    const user = personOf(who);
    const before = await findWebhook(tx, org.id);
    const secret = newSigningSecret();
    await saveWebhook(tx, {
      organizationId: org.id,
      url: input.url,
      secretCiphertext: sealSecret(secret),
      createdBy: user.id,
    });
    return {
      result: { secret, url: input.url },
      audit: {
        objectType: "webhook",
        objectId: org.id,
        before: before ? { url: before.url } : null,
        after: { url: input.url, secret: "new secret generated" },
      },
    };
  },
});

export const deleteWebhookAction = defineOrgAction({
  name: "webhook.delete",
  permission: "org.settings",
  input: z.object({}),
  handler: async (tx, { org }) => {
    const removed = await deleteWebhook(tx, org.id);
    if (!removed) throw new ActionFailure("not_found", "There is no webhook to remove.");
    return { result: null, audit: { objectType: "webhook", objectId: org.id, before: { url: removed.url } } };
  },
});

/** Queues a signed test event to the webhook; its outcome shows in the delivery log. */
export const testWebhookAction = defineOrgAction({
  name: "webhook.test",
  permission: "org.settings",
  input: z.object({}),
  handler: async (tx, { org }) => {
    const deliveryId = await queueWebhookEvent(tx, org.id, {
      type: "test",
      data: {
        organization: { slug: org.slug, name: org.name },
        message: "A test event from the Partner Capability Portal.",
      },
    });
    if (!deliveryId) throw new ActionFailure("conflict", "Set a webhook URL first.");
    return {
      result: { deliveryId },
      audit: { objectType: "webhook", objectId: org.id, after: { event: "test", deliveryId } },
    };
  },
});
