import type { Db } from "@/db/client";
import type { ApiToken, Organization } from "@/db/schema";
import { findApiTokenByHash, recordApiTokenUse } from "@/db/queries/api-tokens";
import { apiTokenState, bearerToken, hashApiToken } from "@/lib/api/token";
import { RATE_LIMITS } from "@/lib/auth/rate-limits";
import { hitRateLimit } from "../rate-limit";

export type TokenAuthentication =
  | { ok: true; token: ApiToken; org: Organization }
  | { ok: false; reason: "missing" | "invalid" | "rate_limited"; detail: string; retryAfterSeconds?: number };

/**
 * Who an `Authorization: Bearer pcp_…` header is (issue 16). Unknown, revoked and expired tokens get the same
 * answer, so a caller learns nothing about tokens it does not hold, and count against the address's limit of bad
 * tokens. A valid token's every request counts against its own limit (the atomic `rate_limits` counter), then
 * records its use (time, address, count). Its organisation and role are decided later, per action, by the
 * wrapper (server/org-action.ts).
 */
export async function authenticateBearer(
  db: Db,
  authorization: string | null,
  ip: string,
  now = new Date(),
): Promise<TokenAuthentication> {
  const presented = bearerToken(authorization);
  if (presented === null)
    return { ok: false, reason: "missing", detail: "Send an API token in the Authorization header: Bearer pcp_…" };
  const found = presented === "" ? null : await findApiTokenByHash(db, hashApiToken(presented));
  if (!found || apiTokenState(found.token, now) !== "active") {
    const limited = await hitRateLimit(db, RATE_LIMITS.apiBadTokenPerIp, ip, now);
    if (!limited.allowed)
      return {
        ok: false,
        reason: "rate_limited",
        detail: "Too many requests with invalid tokens from this address.",
        retryAfterSeconds: limited.retryAfterSeconds,
      };
    return { ok: false, reason: "invalid", detail: "This API token is not valid: it is unknown, revoked or expired." };
  }
  const limited = await hitRateLimit(db, RATE_LIMITS.apiTokenRequests, found.token.id, now);
  if (!limited.allowed)
    return {
      ok: false,
      reason: "rate_limited",
      detail: `This token made more than ${RATE_LIMITS.apiTokenRequests.limit} requests in a minute.`,
      retryAfterSeconds: limited.retryAfterSeconds,
    };
  await recordApiTokenUse(db, found.token.id, ip, now);
  return { ok: true, token: found.token, org: found.org };
}
