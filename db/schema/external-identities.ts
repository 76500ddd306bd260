import { index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * A sign-in identity at an outside provider (Microsoft Entra ID), keyed by the provider's issuer and the
 * subject it gives the person — never by e-mail, which a provider may let its users change. One identity
 * belongs to one account; an account may link several.
 */
export const externalIdentities = pgTable(
  "external_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The `iss` claim of the ID token, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
    issuer: text("issuer").notNull(),
    /** The `sub` claim: stable for this person and this app registration. */
    subject: text("subject").notNull(),
    /** The address the provider asserted when the identity was linked (shown on the account page). */
    email: text("email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [unique("external_identities_issuer_subject_key").on(t.issuer, t.subject), index().on(t.userId)],
);

export type ExternalIdentity = typeof externalIdentities.$inferSelect;
