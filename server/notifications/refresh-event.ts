import type { Db } from "@/db/client";
import { countTenantStatuses } from "@/db/queries/snapshots";
import {
  insertDeliveries,
  insertRefreshEvent,
  newestSnapshot,
  refreshRecipients,
  snapshotBefore,
} from "@/db/queries/notifications";
import { findOrganizationById } from "@/db/queries/organizations";
import type { Snapshot } from "@/db/schema";
import { refreshLinks } from "@/lib/notifications/refresh-message";
import { portalBaseUrl } from "./mail-job";
import { buildRefreshSummary, type SummarySnapshot } from "@/lib/notifications/refresh-summary";
import type { AtRisk, NearMiss, ScoreResult } from "@/lib/scoring";
import { enqueueJob } from "../jobs/queue";
import { smtpConfigured } from "../mailer";
import { queueWebhookEvent } from "../webhooks/deliver";

/**
 * After a recompute (issue 15): when it made a new snapshot of the organisation's newest data month from new
 * data (an import, upload or connector, or a rollback; not a rule-set or basis change alone, which is a
 * settings change), that is a data refresh. It becomes one `refresh_events` row (unique per snapshot: several
 * instances or a retried job make one event), one delivery per opted-in member (unique per event and person)
 * each sent by its own `notifications.mail` job, and the webhook's event. With no SMTP_URL no e-mail is queued.
 */
export async function queueRefreshNotifications(db: Db, organizationId: string, recomputed: string[]) {
  const newest = await newestSnapshot(db, organizationId);
  if (!newest || !recomputed.includes(newest.month)) return null;
  const before = await snapshotBefore(db, organizationId, newest.month, newest.version);
  if (before && before.month === newest.month && sameRevisions(before, newest)) return null;
  const summary = buildRefreshSummary(
    await summarySnapshot(db, newest),
    before ? await summarySnapshot(db, before) : null,
  );
  return db.transaction(async (tx) => {
    const event = await insertRefreshEvent(tx, {
      organizationId,
      snapshotId: newest.id,
      summary: summary as unknown as Record<string, unknown>,
    });
    if (!event) return null;
    let deliveries: { id: string }[] = [];
    if (smtpConfigured()) {
      const recipients = await refreshRecipients(tx, organizationId);
      deliveries = await insertDeliveries(
        tx,
        event.id,
        recipients.map((r) => r.userId),
      );
      for (const d of deliveries)
        await enqueueJob(tx, { kind: "notifications.mail", organizationId, payload: { deliveryId: d.id } });
    }
    const org = await findOrganizationById(tx, organizationId);
    const links = refreshLinks(
      { organizationName: org!.name, slug: org!.slug, baseUrl: portalBaseUrl() },
      summary.month,
    );
    await queueWebhookEvent(tx, organizationId, {
      type: "refresh.completed",
      id: event.id,
      data: {
        organization: { slug: org!.slug, name: org!.name },
        links: { dashboard: links.dashboard, snapshot: links.snapshot },
        ...summary,
      },
    });
    return { eventId: event.id, deliveries: deliveries.length };
  });
}

function sameRevisions(a: Snapshot, b: Snapshot): boolean {
  const ids = (s: Snapshot) =>
    s.revisions
      .map((r) => r.id)
      .sort()
      .join(",");
  return ids(a) === ids(b);
}

async function summarySnapshot(db: Db, s: Snapshot): Promise<SummarySnapshot> {
  const insights = (s.insights ?? {}) as { atRisk?: AtRisk[]; nearMisses?: NearMiss[] };
  return {
    month: s.month,
    result: s.result as unknown as ScoreResult,
    atRisk: insights.atRisk ?? [],
    nearMisses: insights.nearMisses ?? [],
    statusCounts: await countTenantStatuses(db, s.id),
  };
}
