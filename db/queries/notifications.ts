import { and, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  memberships,
  notificationDeliveries,
  notificationPreferences,
  refreshEvents,
  snapshots,
  users,
  webhookDeliveries,
  webhooks,
} from "@/db/schema";

/** A person's after-refresh choice in each organisation they belong to (false where never set). */
export async function listPreferencesOf(db: Db, userId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .select({
      organizationId: notificationPreferences.organizationId,
      afterRefresh: notificationPreferences.afterRefresh,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return new Map(rows.map((r) => [r.organizationId, r.afterRefresh]));
}

export async function setAfterRefresh(db: Db, userId: string, organizationId: string, on: boolean): Promise<boolean> {
  const [before] = await db
    .select({ afterRefresh: notificationPreferences.afterRefresh })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.organizationId, organizationId)));
  await db
    .insert(notificationPreferences)
    .values({ userId, organizationId, afterRefresh: on })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.organizationId],
      set: { afterRefresh: on, updatedAt: new Date() },
    });
  return before?.afterRefresh ?? false;
}

/** Members of the organisation who opted in to after-refresh e-mails (still members, address confirmed). */
export async function refreshRecipients(db: Db, organizationId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(notificationPreferences)
    .innerJoin(users, eq(users.id, notificationPreferences.userId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.organizationId, notificationPreferences.organizationId)),
    )
    .where(
      and(
        eq(notificationPreferences.organizationId, organizationId),
        eq(notificationPreferences.afterRefresh, true),
        isNotNull(users.emailVerifiedAt),
      ),
    );
}

/** The organisation's newest data month's latest snapshot, with the version before it (if any). */
export async function newestSnapshot(db: Db, organizationId: string) {
  const [row] = await db
    .select()
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true)))
    .orderBy(desc(snapshots.month))
    .limit(1);
  return row;
}

/** What the newest snapshot is compared with: its month's previous version, else the month before's latest. */
export async function snapshotBefore(db: Db, organizationId: string, month: string, version: number) {
  const [sameMonth] = await db
    .select()
    .from(snapshots)
    .where(
      and(eq(snapshots.organizationId, organizationId), eq(snapshots.month, month), lt(snapshots.version, version)),
    )
    .orderBy(desc(snapshots.version))
    .limit(1);
  if (sameMonth) return sameMonth;
  const [earlier] = await db
    .select()
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true), lt(snapshots.month, month)))
    .orderBy(desc(snapshots.month))
    .limit(1);
  return earlier;
}

export async function insertRefreshEvent(
  db: Db,
  values: { organizationId: string; snapshotId: string; summary: Record<string, unknown> },
) {
  const [row] = await db.insert(refreshEvents).values(values).onConflictDoNothing().returning();
  return row;
}

export async function insertDeliveries(db: Db, eventId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .insert(notificationDeliveries)
    .values(userIds.map((userId) => ({ eventId, userId })))
    .onConflictDoNothing()
    .returning({ id: notificationDeliveries.id });
}

/** One delivery with everything its e-mail needs. */
export async function findDelivery(db: Db, deliveryId: string) {
  const [row] = await db
    .select({
      delivery: notificationDeliveries,
      event: refreshEvents,
      email: users.email,
    })
    .from(notificationDeliveries)
    .innerJoin(refreshEvents, eq(refreshEvents.id, notificationDeliveries.eventId))
    .innerJoin(users, eq(users.id, notificationDeliveries.userId))
    .where(eq(notificationDeliveries.id, deliveryId));
  return row;
}

export async function recordDeliveryAttempt(
  db: Db,
  deliveryId: string,
  outcome: { status: "pending" | "sent" | "failed"; error?: string | null },
) {
  await db
    .update(notificationDeliveries)
    .set({
      status: outcome.status,
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      lastError: outcome.error ?? null,
      sentAt: outcome.status === "sent" ? new Date() : null,
    })
    .where(eq(notificationDeliveries.id, deliveryId));
}

/** The members with their after-refresh choice, for the admins' view of who receives what. */
export async function memberPreferences(db: Db, organizationId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .select({ userId: notificationPreferences.userId, afterRefresh: notificationPreferences.afterRefresh })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.organizationId, organizationId));
  return new Map(rows.map((r) => [r.userId, r.afterRefresh]));
}

export async function findWebhook(db: Db, organizationId: string) {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.organizationId, organizationId));
  return row;
}

export async function saveWebhook(
  db: Db,
  values: { organizationId: string; url: string; secretCiphertext: string; createdBy: string },
) {
  await db
    .insert(webhooks)
    .values(values)
    .onConflictDoUpdate({
      target: webhooks.organizationId,
      set: {
        url: values.url,
        secretCiphertext: values.secretCiphertext,
        createdBy: values.createdBy,
        updatedAt: new Date(),
      },
    });
}

export async function deleteWebhook(db: Db, organizationId: string) {
  const [row] = await db.delete(webhooks).where(eq(webhooks.organizationId, organizationId)).returning();
  return row;
}

export async function insertWebhookDelivery(
  db: Db,
  values: { organizationId: string; eventType: string; eventId: string; payload: Record<string, unknown> },
) {
  const [row] = await db.insert(webhookDeliveries).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findWebhookDelivery(db: Db, id: string) {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

export async function recordWebhookAttempt(
  db: Db,
  id: string,
  outcome: { status: "pending" | "delivered" | "failed"; responseStatus?: number | null; error?: string | null },
) {
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      responseStatus: outcome.responseStatus ?? null,
      lastError: outcome.error ?? null,
      lastAttemptAt: new Date(),
    })
    .where(eq(webhookDeliveries.id, id));
}

export async function endWebhookDelivery(db: Db, id: string, error: string) {
  await db.update(webhookDeliveries).set({ status: "failed", lastError: error }).where(eq(webhookDeliveries.id, id));
}

/** The delivery log: the organisation's latest webhook deliveries. */
export async function listWebhookDeliveries(db: Db, organizationId: string, limit = 20) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.organizationId, organizationId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}
