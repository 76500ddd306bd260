import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountTokens, type AccountToken, type AccountTokenPurpose } from "@/db/schema";

/** Stores a new token of `purpose` for the user and withdraws the older unused ones: only the newest link works. */
export async function issueAccountToken(
  db: Db,
  values: { userId: string; purpose: AccountTokenPurpose; tokenHash: string; email: string; expiresAt: Date },
  now: Date,
): Promise<AccountToken> {
  await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.userId, values.userId),
        eq(accountTokens.purpose, values.purpose),
        isNull(accountTokens.usedAt),
      ),
    );
  const [row] = await db.insert(accountTokens).values(values).returning();
  return row!;
}

/** The token with this hash and purpose; `lock` holds its row until the transaction ends (spend it once). */
export async function findAccountToken(
  db: Db,
  purpose: AccountTokenPurpose,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<AccountToken | null> {
  const query = db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
    .limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function spendAccountToken(db: Db, id: string, at: Date): Promise<void> {
  await db.update(accountTokens).set({ usedAt: at }).where(eq(accountTokens.id, id));
}

/** Withdraws every unused token of the user of these purposes (e.g. all reset links once the password changed). */
export async function withdrawAccountTokens(
  db: Db,
  userId: string,
  purposes: AccountTokenPurpose[],
  at: Date,
): Promise<void> {
  for (const purpose of purposes) {
    await db
      .update(accountTokens)
      .set({ usedAt: at })
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  }
}
