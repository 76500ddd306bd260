import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { hasConfirmedTwoFactor } from "@/db/queries/two-factor";
import { createSession } from "@/db/queries/user-sessions";
import { clientIpFrom } from "@/lib/auth/client-ip";

/**
 * Opens the server-side record of a new sign-in (called from Auth.js's jwt callback, inside the sign-in request)
 * and returns its id for the session cookie. A password sign-in of an account with an authenticator app opens
 * the session "awaiting the second factor": it signs no one in until the code is given (app/(auth)/sign-in/two-factor).
 */
export async function beginSession(user: {
  id: string;
  sessionVersion: number;
  method: "password" | "microsoft";
}): Promise<string> {
  const db = await getDb();
  const h = await headers();
  const session = await createSession(db, {
    userId: user.id,
    method: user.method,
    awaitingSecondFactor: user.method === "password" && (await hasConfirmedTwoFactor(db, user.id)),
    sessionVersion: user.sessionVersion,
    ip: clientIpFrom(h),
    userAgent: h.get("user-agent"),
  });
  return session.id;
}
