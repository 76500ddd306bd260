import { z } from "zod";
import { insertApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { API_TOKEN_ROLES, newApiToken } from "@/lib/api/token";
import { ActionFailure, defineOrgAction, personOf } from "../org-action";

/** How long a new token lives; "never" is allowed (a scheduled job's token), and revoking ends any token at once. */
export const API_TOKEN_EXPIRIES = ["30", "90", "365", "never"] as const;

/**
 * Creates an organisation API token (admins only). The result holds the token itself, which is shown once and
 * never stored: only its SHA-256 is (lib/api/token.ts). The audit entry names the token by its hint.
 */
export const createApiTokenAction = defineOrgAction({
  name: "apiTokens.create",
  permission: "apiTokens.manage",
  input: z.object({
    name: z.string().trim().min(1, "Give the token a name, e.g. Power BI refresh.").max(100, "At most 100 characters."),
    role: z.enum(API_TOKEN_ROLES, "Choose Viewer or Analyst."),
    expiresInDays: z.enum(API_TOKEN_EXPIRIES, "Choose when the token expires.").default("90"),
  }),
  handler: async (tx, scope) => {
    const { org, input } = scope;
    const { token, tokenHash, hint } = newApiToken();
    const expiresAt =
      input.expiresInDays === "never" ? null : new Date(Date.now() + Number(input.expiresInDays) * 86_400_000);
    const row = await insertApiToken(tx, {
      organizationId: org.id,
      name: input.name,
      role: input.role,
      tokenHash,
      hint,
      createdBy: personOf(scope).id,
      expiresAt,
    });
    return {
      result: { id: row.id, name: row.name, role: row.role, hint, expiresAt, secret: token },
      audit: { objectType: "api_token", objectId: row.id, after: { name: row.name, role: row.role, hint, expiresAt } },
    };
  },
});

/** Revokes a token (admins only): from the next request on it answers 401. */
export const revokeApiTokenAction = defineOrgAction({
  name: "apiTokens.revoke",
  permission: "apiTokens.manage",
  input: z.object({ tokenId: z.uuid("Choose a token.") }),
  handler: async (tx, scope) => {
    const { org, input } = scope;
    const row = await revokeApiToken(tx, org.id, input.tokenId, personOf(scope).id, new Date());
    if (!row) throw new ActionFailure("not_found", "This token could not be found, or it was already revoked.");
    return {
      result: { id: row.id },
      audit: {
        objectType: "api_token",
        objectId: row.id,
        before: { name: row.name, role: row.role, hint: row.hint },
        after: { revokedAt: row.revokedAt },
      },
    };
  },
});
