import { and, count, eq, gte, lt, min, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";

export type FailureCount = { failures: number; oldest: Date | null };

export type Reservation = { ok: true; id: string } | { ok: false; freeAt: Date };

/**
 * Reserves one sign-in attempt for an account and an address, atomically: the attempt is recorded as a failure
 * BEFORE the password (or code) is checked, under a transaction-scoped advisory lock per account and per
 * address, and only when both are below their limits. Parallel attempts therefore queue on the lock for the
 * count and insert only (never for argon2), and each one sees the others' reservations: fifty simultaneous
 * guesses get exactly `limits.perAccount` checks. A success is marked afterwards (markSignInSucceeded).
 * The locks are always taken account first, then address, so two reservations cannot deadlock.
 */
export async function reserveSignInAttempt(
  db: Db,
  who: { email: string; ip: string },
  limits: { since: Date; perAccount: number; perIp: number },
  at: Date,
): Promise<Reservation> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pcp.sign-in.account:${who.email}`}, 0))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pcp.sign-in.ip:${who.ip}`}, 0))`);
    const [byAccount, byIp] = [
      await failuresSince(tx, { email: who.email }, limits.since),
      await failuresSince(tx, { ip: who.ip }, limits.since),
    ];
    const blocking = [
      byAccount.failures >= limits.perAccount ? byAccount.oldest : null,
      byIp.failures >= limits.perIp ? byIp.oldest : null,
    ].filter((d): d is Date => d !== null);
    if (blocking.length > 0) {
      const windowMs = at.getTime() - limits.since.getTime();
      return { ok: false, freeAt: new Date(Math.max(...blocking.map((d) => d.getTime() + windowMs))) } as const;
    }
    const [row] = await tx
      .insert(signInAttempts)
      .values({ email: who.email, ip: who.ip, succeeded: false, createdAt: at })
      .returning({ id: signInAttempts.id });
    return { ok: true, id: row!.id } as const;
  });
}

/** The reserved attempt turned out right: it no longer counts as a failure. */
export async function markSignInSucceeded(db: Db, id: string): Promise<void> {
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, id));
}

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
