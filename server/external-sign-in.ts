import { cookies, headers } from "next/headers";
import { getDb } from "@/db/client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { externalClaimsFrom } from "@/lib/auth/external-claims";
import { resolveExternalSignIn, type ExternalSignIn } from "./external-identities";

/** The httpOnly cookie that carries a started link (server/external-identities.ts `startLink`) to the callback. */
export const LINK_COOKIE = "pcp-link-identity";

/** The Next-bound part of a Microsoft sign-in: the request's link cookie and metadata, then the decision. */
export async function externalSignIn(profile: unknown, configuredIssuer: string): Promise<ExternalSignIn> {
  const claims = externalClaimsFrom(profile, configuredIssuer);
  if (!claims) return { ok: false, reason: "no_email" };
  const jar = await cookies();
  const linkToken = jar.get(LINK_COOKIE)?.value ?? null;
  if (linkToken) jar.delete(LINK_COOKIE);
  const h = await headers();
  const meta = { ip: clientIpFrom(h), userAgent: h.get("user-agent")?.slice(0, 500) ?? null };
  return resolveExternalSignIn(await getDb(), claims, linkToken, meta);
}
