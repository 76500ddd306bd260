import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./memberships";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * Organisation API tokens (issue 16): a script or BI tool calls /api/v1 with one, acting with the token's role
 * (viewer or analyst, never admin) in this organisation only. Only the SHA-256 of the token is stored (the token
 * is 256 random bits, not a password: see docs/decisions.md, "API (issue 16)"); `hint` is its first characters,
 * so admins can tell tokens apart without the secret. Revoked and expired tokens stay listed for the record.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    hint: text("hint").notNull(),
    /** Who created it; the token belongs to the organisation and keeps working after its creator leaves. */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    /** Every authenticated request adds one; the audit log records each route once per token and day. */
    useCount: bigint("use_count", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("api_tokens_org_idx").on(t.organizationId, t.createdAt)],
);

export type ApiToken = typeof apiTokens.$inferSelect;
