import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { externalIdentities, type ExternalIdentity } from "@/db/schema";

export async function findExternalIdentity(db: Db, issuer: string, subject: string): Promise<ExternalIdentity | null> {
  const [row] = await db
    .select()
    .from(externalIdentities)
    .where(and(eq(externalIdentities.issuer, issuer), eq(externalIdentities.subject, subject)))
    .limit(1);
  return row ?? null;
}

export async function listExternalIdentities(db: Db, userId: string): Promise<ExternalIdentity[]> {
  return db
    .select()
    .from(externalIdentities)
    .where(eq(externalIdentities.userId, userId))
    .orderBy(asc(externalIdentities.createdAt));
}

/** Links the identity to the user; null when it already belongs to someone (the unique key decides races). */
export async function insertExternalIdentity(
  db: Db,
  values: { userId: string; issuer: string; subject: string; email: string | null },
  now: Date,
): Promise<ExternalIdentity | null> {
  const [row] = await db
    .insert(externalIdentities)
    .values({ ...values, createdAt: now, lastUsedAt: now })
    .onConflictDoNothing({ target: [externalIdentities.issuer, externalIdentities.subject] })
    .returning();
  return row ?? null;
}

export async function touchExternalIdentity(db: Db, id: string, now: Date): Promise<void> {
  await db.update(externalIdentities).set({ lastUsedAt: now }).where(eq(externalIdentities.id, id));
}

/** Removes one of the user's identities (never another user's, whatever id the form sent). */
export async function deleteExternalIdentity(db: Db, userId: string, id: string): Promise<ExternalIdentity | null> {
  const [row] = await db
    .delete(externalIdentities)
    .where(and(eq(externalIdentities.userId, userId), eq(externalIdentities.id, id)))
    .returning();
  return row ?? null;
}
