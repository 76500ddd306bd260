import type { Db } from "@/db/client";
import { apiTokens, type ApiToken } from "@/db/schema";
import { newApiToken, type ApiTokenRole } from "@/lib/api/token";

/** An API token of the organisation, seeded straight into the database; returns the row and the secret. */
export async function seedApiToken(
  db: Db,
  organizationId: string,
  role: ApiTokenRole,
  state: { revoked?: boolean; expired?: boolean } = {},
): Promise<{ row: ApiToken; secret: string }> {
  const { token, tokenHash, hint } = newApiToken();
  const now = Date.now();
  const [row] = await db
    .insert(apiTokens)
    .values({
      organizationId,
      name: `${role} token`,
      role,
      tokenHash,
      hint,
      expiresAt: state.expired ? new Date(now - 60_000) : new Date(now + 86_400_000),
      revokedAt: state.revoked ? new Date(now - 60_000) : null,
    })
    .returning();
  return { row: row!, secret: token };
}

export const tokenCallers = ["revokedToken", "expiredToken", "viewerToken", "analystToken", "otherOrgToken"] as const;
export type TokenCaller = (typeof tokenCallers)[number];

/** The tokens of each kind of token caller: the organisation's own, and an analyst token of another one. */
export async function seedTokenCallers(
  db: Db,
  orgId: string,
  otherOrgId: string,
): Promise<Record<TokenCaller, { row: ApiToken; secret: string }>> {
  return {
    revokedToken: await seedApiToken(db, orgId, "analyst", { revoked: true }),
    expiredToken: await seedApiToken(db, orgId, "analyst", { expired: true }),
    viewerToken: await seedApiToken(db, orgId, "viewer"),
    analystToken: await seedApiToken(db, orgId, "analyst"),
    otherOrgToken: await seedApiToken(db, otherOrgId, "analyst"),
  };
}
