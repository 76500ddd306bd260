import { and, count, eq, gte, lt, min } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";

export async function recordSignInAttempt(
  db: Db,
  values: { email: string; ip: string; succeeded: boolean; at?: Date },
): Promise<void> {
  await db.insert(signInAttempts).values({
    email: values.email,
    ip: values.ip,
    succeeded: values.succeeded,
    createdAt: values.at ?? new Date(),
  });
}

export type FailureCount = { failures: number; oldest: Date | null };

export async function failuresSince(
  db: Db,
  by: { email: string } | { ip: string },
  since: Date,
): Promise<FailureCount> {
  const who = "email" in by ? eq(signInAttempts.email, by.email) : eq(signInAttempts.ip, by.ip);
  const [row] = await db
    .select({ failures: count(), oldest: min(signInAttempts.createdAt) })
    .from(signInAttempts)
    .where(and(who, eq(signInAttempts.succeeded, false), gte(signInAttempts.createdAt, since)));
  return { failures: Number(row?.failures ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** Deletes attempts made before `before`; returns how many. Only the last minutes count for rate limiting. */
export async function pruneSignInAttempts(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.createdAt, before))
    .returning({ id: signInAttempts.id });
  return deleted.length;
}
