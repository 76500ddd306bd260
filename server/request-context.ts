import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { serverEnv } from "@/lib/env";
import type { RequestMeta } from "./accounts";
import { auth } from "./auth";
import type { ActionContext } from "./org-action";
import type { SessionClaims } from "./session-user";

/** The Next.js-bound part of the wrapper: turns cookies and headers into an explicit context. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: h.get("user-agent")?.slice(0, 500) ?? null };
}

/**
 * The portal's public origin for links in e-mails: AUTH_URL when set, else the Host the browser used
 * (Next 16 reports "localhost" in request URLs, so never request.url).
 */
export async function publicOrigin(): Promise<string> {
  const configured = serverEnv().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

export async function sessionClaims(): Promise<SessionClaims | null> {
  const session = (await auth()) as { userId?: unknown; sessionVersion?: unknown; sessionId?: unknown } | null;
  if (
    !session ||
    typeof session.userId !== "string" ||
    typeof session.sessionVersion !== "number" ||
    typeof session.sessionId !== "string"
  )
    return null; // a cookie without a server-side session record (e.g. issued before sessions had one) is refused
  return { userId: session.userId, sessionVersion: session.sessionVersion, sessionId: session.sessionId };
}

export async function requestActionContext(): Promise<ActionContext> {
  const [db, session, meta] = await Promise.all([getDb(), sessionClaims(), requestMeta()]);
  return { db, session, ...meta };
}
