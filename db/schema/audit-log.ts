import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only record of every change, written in the same transaction as the change itself.
 * No foreign keys on purpose: entries outlive the users and organisations they mention, and the
 * actor's e-mail is copied so the entry still reads correctly after the account is gone.
 * Never holds secrets: db/queries/audit-log.ts strips password, hash, token and secret fields.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for account-level events (e.g. a password change) that belong to no organisation. */
    organizationId: uuid("organization_id"),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    /** A permission-map key or an account event, e.g. "members.changeRole", "user.signUp". */
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_org_created_idx").on(t.organizationId, t.createdAt),
    index("audit_log_org_actor_idx").on(t.organizationId, t.actorUserId),
  ],
);

export type AuditLogEntry = typeof auditLog.$inferSelect;
