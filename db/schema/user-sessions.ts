import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One row per signed-in browser (server/session-store.ts). The session cookie (an Auth.js JWT) carries this row's id,
 * and every request checks the row: a session is valid only while it has not ended, was seen within the idle
 * lifetime, is younger than its absolute expiry and was issued under the user's current session version.
 * Re-issuing the cookie never moves `expires_at`.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** "password" or "microsoft". */
    method: text("method").notNull(),
    /** The password was right but the authenticator code is still to come: not a signed-in session yet. */
    awaitingSecondFactor: boolean("awaiting_second_factor").notNull().default(false),
    /** How this session proved a second factor: "totp", "recovery_code", or null (none; Microsoft's own MFA). */
    secondFactor: text("second_factor"),
    /** users.session_version when the session began: a password change ends every older session. */
    sessionVersion: integer("session_version").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** The absolute lifetime's end, fixed when the session begins. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** "signed_out", "revoked" (from another session), "signed_out_elsewhere". */
    endReason: text("end_reason"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.createdAt)],
);

export type UserSession = typeof userSessions.$inferSelect;
