import { and, desc, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, organizations, users, type ApiToken, type Organization } from "@/db/schema";

/** Organisation API tokens (db/schema/api-tokens.ts). Only hashes are stored; nothing here sees a token. */

export async function insertApiToken(
  db: Db,
  values: Pick<ApiToken, "organizationId" | "name" | "role" | "tokenHash" | "hint" | "createdBy" | "expiresAt">,
): Promise<ApiToken> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export type ApiTokenListItem = Omit<ApiToken, "tokenHash"> & { createdByName: string | null };

/** Every token of the organisation, newest first, with its creator's name (revoked and expired ones too). */
export async function listApiTokens(db: Db, organizationId: string): Promise<ApiTokenListItem[]> {
  // The hash never leaves this module: the list has no use for it.
  const columns: Partial<ReturnType<typeof getTableColumns<typeof apiTokens>>> = { ...getTableColumns(apiTokens) };
  delete columns.tokenHash;
  const rows = await db
    .select({ ...columns, createdByName: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})` })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.organizationId, organizationId))
    .orderBy(desc(apiTokens.createdAt));
  return rows as ApiTokenListItem[];
}

/** Revokes one token of the organisation; null when there is no such token or it was already revoked. */
export async function revokeApiToken(
  db: Db,
  organizationId: string,
  id: string,
  by: string,
  at: Date,
): Promise<ApiToken | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.organizationId, organizationId), isNull(apiTokens.revokedAt)))
    .returning();
  return row ?? null;
}

/** The token with this hash and its organisation, whatever its state (the caller decides what a state means). */
export async function findApiTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<{ token: ApiToken; org: Organization } | null> {
  const [row] = await db
    .select({ token: apiTokens, org: organizations })
    .from(apiTokens)
    .innerJoin(organizations, eq(organizations.id, apiTokens.organizationId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** The token by id, re-read inside an action's transaction (a revocation since authentication counts). */
export async function findApiToken(db: Db, id: string): Promise<ApiToken | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  return row ?? null;
}

/** One authenticated request: when and from where it was last used, and how often in all. */
export async function recordApiTokenUse(db: Db, id: string, ip: string, at: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: at, lastUsedIp: ip.slice(0, 100), useCount: sql`${apiTokens.useCount} + 1` })
    .where(eq(apiTokens.id, id));
}
