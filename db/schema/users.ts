import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stored lower-cased so one person cannot hold two accounts by changing case. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** argon2id; null for accounts that only sign in through Microsoft Entra ID. */
  passwordHash: text("password_hash"),
  /** Bumped on password change: sessions carrying an older version are no longer accepted. */
  sessionVersion: integer("session_version").notNull().default(0),
  /**
   * When the person proved they receive mail at `email` (a verification link, a password-reset link, an invitation
   * link, or Microsoft asserting the address as verified). Null: signed in, but kept away from organisation data.
   */
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
