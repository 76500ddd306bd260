import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const accountTokenPurposes = ["verify_email", "reset_password", "link_identity"] as const;
export const accountTokenPurposeEnum = pgEnum("account_token_purpose", accountTokenPurposes);

/**
 * Single-use secrets mailed to (or, for linking a Microsoft identity, set in the browser of) one account:
 * e-mail verification, password reset, and linking. As with invitations, only the SHA-256 of the 256-bit
 * token is stored, so a database leak yields no usable link. A token is spent by setting `used_at` under a
 * row lock; issuing a new one of the same purpose withdraws the older ones.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: accountTokenPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The address the link was sent to: a verification counts only while the account still has it. */
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index().on(t.userId, t.purpose)],
);

export type AccountToken = typeof accountTokens.$inferSelect;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];
