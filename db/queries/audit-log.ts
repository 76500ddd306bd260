import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, users, type AuditLogEntry } from "@/db/schema";
import { redactForAudit } from "@/lib/audit/redact";

/**
 * The audit log is append-only: this module offers an insert and reads, nothing that updates or
 * deletes. Write entries with the same `db` (transaction) as the change they describe.
 */
export type AuditEvent = {
  organizationId: string | null;
  /** A person, or an API token (no user id; its name and hint in place of an e-mail). */
  actor: { id: string | null; email: string } | null;
  /** Who acted when no person did (e.g. "Partner Center connection"); shown where the actor's e-mail would be. */
  actorLabel?: string;
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  userAgent?: string | null;
};

export async function appendAudit(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    organizationId: event.organizationId,
    actorUserId: event.actor?.id ?? null,
    actorEmail: event.actor?.email ?? event.actorLabel ?? null,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId ?? null,
    before: redactForAudit(event.before ?? null),
    after: redactForAudit(event.after ?? null),
    ip: event.ip?.slice(0, 100) ?? null,
    userAgent: event.userAgent?.slice(0, 500) ?? null,
  });
}

export type AuditFilter = {
  actorUserId?: string;
  action?: string;
  /** Inclusive start. */
  from?: Date;
  /** Exclusive end. */
  to?: Date;
};

function whereOf(orgId: string, f: AuditFilter): SQL {
  const parts: SQL[] = [eq(auditLog.organizationId, orgId)];
  if (f.actorUserId) parts.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.action) parts.push(eq(auditLog.action, f.action));
  if (f.from) parts.push(gte(auditLog.createdAt, f.from));
  if (f.to) parts.push(lt(auditLog.createdAt, f.to));
  return and(...parts)!;
}

export async function listAudit(
  db: Db,
  orgId: string,
  filter: AuditFilter,
  page: { limit: number; offset?: number },
): Promise<AuditLogEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(whereOf(orgId, filter))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset ?? 0);
}

export async function countAudit(db: Db, orgId: string, filter: AuditFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(whereOf(orgId, filter));
  return Number(row?.n ?? 0);
}

/** People and actions that appear in the organisation's log, for the filter drop-downs. */
export async function auditFacets(db: Db, orgId: string) {
  const actors = await db
    .selectDistinct({ id: auditLog.actorUserId, email: auditLog.actorEmail })
    .from(auditLog)
    .where(eq(auditLog.organizationId, orgId))
    .orderBy(asc(auditLog.actorEmail));
  const actions = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.organizationId, orgId))
    .orderBy(asc(auditLog.action));
  return {
    actors: actors.filter((a): a is { id: string; email: string } => Boolean(a.id && a.email)),
    actions: actions.map((a) => a.action),
  };
}

/** Second key of the advisory lock taken by `appendAuditOncePerDay` (the two-key space; the first is fixed). */
const ONCE_PER_DAY_LOCK = 0x5043_0001;

/**
 * Appends the entry unless this actor already has one for the same action and object since the start of the UTC
 * day. For downloads: a crawler or a link followed again and again must not flood the log, while the first
 * download of the day stays on record with its filter. Serialised per key (an advisory lock held until the
 * transaction ends), so concurrent downloads still write one entry. Returns whether it wrote.
 */
export async function appendAuditOncePerDay(db: Db, event: AuditEvent, now = new Date()): Promise<boolean> {
  const key = JSON.stringify([
    event.organizationId,
    event.actor?.id ?? event.actor?.email ?? null,
    event.action,
    event.objectId ?? null,
  ]);
  await db.execute(sql`select pg_advisory_xact_lock(${ONCE_PER_DAY_LOCK}, hashtext(${key}))`);
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [existing] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        event.organizationId === null
          ? sql`${auditLog.organizationId} is null`
          : eq(auditLog.organizationId, event.organizationId),
        event.actor === null
          ? sql`${auditLog.actorUserId} is null`
          : event.actor.id === null
            ? and(sql`${auditLog.actorUserId} is null`, eq(auditLog.actorEmail, event.actor.email))
            : eq(auditLog.actorUserId, event.actor.id),
        eq(auditLog.action, event.action),
        event.objectId == null ? sql`${auditLog.objectId} is null` : eq(auditLog.objectId, event.objectId),
        gte(auditLog.createdAt, dayStart),
      ),
    )
    .limit(1);
  if (existing) return false;
  await appendAudit(db, event);
  return true;
}
/** Display names of the people audit entries mention (actors, and members acted on), by user id. */
export async function auditPeople(db: Db, userIds: (string | null | undefined)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => typeof id === "string" && UUID.test(id)))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name || r.email]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
