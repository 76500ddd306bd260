import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type User } from "@/db/schema";

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** Who an audit entry names for a user id: their id and e-mail, or undefined when the user is gone. */
export async function findActor(db: Db, id: string): Promise<{ id: string; email: string } | undefined> {
  const [row] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(
  db: Db,
  values: { email: string; name: string; passwordHash: string | null; emailVerifiedAt?: Date | null },
): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning();
  return row!;
}

/** Sets a new hash and bumps sessionVersion, so every session issued before now stops working. */
export async function replacePassword(db: Db, userId: string, passwordHash: string): Promise<User> {
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning();
  return row!;
}

/** Sets a new password hash only; ending the sessions is the caller's separate step (server/end-sessions.ts). */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<User> {
  const [row] = await db.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning();
  return row!;
}

/** Bumps sessionVersion: every session cookie issued before now stops working at its next request. */
export async function bumpSessionVersion(db: Db, userId: string): Promise<User> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning();
  return row!;
}

/**
 * Marks the address verified — only while the account still has the address the proof was for. Returns the
 * user, or null when the address has changed since.
 */
export async function markEmailVerified(db: Db, userId: string, email: string, at: Date): Promise<User | null> {
  const [row] = await db
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(users.id, userId), eq(users.email, email.toLowerCase())))
    .returning();
  return row ?? null;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The user fields that may leave the server or enter the audit log. */
export type PublicUser = Pick<User, "id" | "email" | "name">;
export const publicUser = (u: User): PublicUser => ({ id: u.id, email: u.email, name: u.name });

/** Marks the accounts of `emails` whose address is not verified yet as verified now. */
export async function markEmailsVerified(db: Db, emails: string[]): Promise<void> {
  await db
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(inArray(users.email, emails), isNull(users.emailVerifiedAt)));
}

/**
 * The account of `email` with its address verified now: created, or, when it exists, renamed (its password
 * stays).
 */
export async function upsertVerifiedUser(
  db: Db,
  values: { email: string; name: string; passwordHash: string },
): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ ...values, emailVerifiedAt: new Date() })
    .onConflictDoUpdate({ target: users.email, set: { name: values.name, emailVerifiedAt: new Date() } })
    .returning();
  return row!;
}
