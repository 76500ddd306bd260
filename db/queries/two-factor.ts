import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizationSecurity, twoFactorRecoveryCodes, userTwoFactor, type UserTwoFactor } from "@/db/schema";

export async function findTwoFactor(db: Db, userId: string): Promise<UserTwoFactor | null> {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).limit(1);
  return row ?? null;
}

export async function hasConfirmedTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userTwoFactor.userId })
    .from(userTwoFactor)
    .where(and(eq(userTwoFactor.userId, userId), isNotNull(userTwoFactor.confirmedAt)))
    .limit(1);
  return Boolean(row);
}

/** Starts (or restarts) an enrolment with a new secret; refused (false) when an authenticator is already confirmed. */
export async function savePendingSecret(db: Db, userId: string, secretCiphertext: string): Promise<boolean> {
  const rows = await db
    .insert(userTwoFactor)
    .values({ userId, secretCiphertext })
    .onConflictDoUpdate({
      target: userTwoFactor.userId,
      set: { secretCiphertext, createdAt: sql`now()`, lastTimeStep: null },
      setWhere: isNull(userTwoFactor.confirmedAt),
    })
    .returning({ userId: userTwoFactor.userId });
  return rows.length > 0;
}

/**
 * Accepts a TOTP time step once: atomically moves last_time_step forward, so the same code (or an older one)
 * cannot be used again, even by two requests at the same moment.
 */
export async function acceptTimeStep(db: Db, userId: string, timeStep: number): Promise<boolean> {
  const rows = await db
    .update(userTwoFactor)
    .set({ lastTimeStep: timeStep })
    .where(
      and(
        eq(userTwoFactor.userId, userId),
        or(isNull(userTwoFactor.lastTimeStep), lt(userTwoFactor.lastTimeStep, timeStep)),
      ),
    )
    .returning({ userId: userTwoFactor.userId });
  return rows.length > 0;
}

/** Confirms the enrolment and replaces the recovery codes, in one transaction. */
export async function confirmTwoFactor(db: Db, userId: string, codeHashes: string[], now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(userTwoFactor).set({ confirmedAt: now }).where(eq(userTwoFactor.userId, userId));
    await replaceRecoveryCodes(tx, userId, codeHashes);
  });
}

export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]): Promise<void> {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  if (codeHashes.length > 0)
    await db.insert(twoFactorRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses a recovery code once: only the request that flips used_at from null gets true. */
export async function consumeRecoveryCode(db: Db, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(twoFactorRecoveryCodes.userId, userId),
        eq(twoFactorRecoveryCodes.codeHash, codeHash),
        isNull(twoFactorRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: twoFactorRecoveryCodes.id });
  return rows.length > 0;
}

export async function unusedRecoveryCodeCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

export async function removeTwoFactor(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
    await tx.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  });
}

export async function organizationRequiresTwoFactor(db: Db, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ required: organizationSecurity.requireTwoFactor })
    .from(organizationSecurity)
    .where(eq(organizationSecurity.organizationId, organizationId))
    .limit(1);
  return row?.required ?? false;
}

export async function setOrganizationRequiresTwoFactor(db: Db, organizationId: string, required: boolean) {
  await db
    .insert(organizationSecurity)
    .values({ organizationId, requireTwoFactor: required })
    .onConflictDoUpdate({
      target: organizationSecurity.organizationId,
      set: { requireTwoFactor: required, updatedAt: sql`now()` },
    });
}
