import { getDb } from "@/db/client";
import { endSession, loadLiveSession } from "@/db/queries/user-sessions";

type TokenClaims = { uid?: string; sid?: string };

/** Auth.js's sign-out event: the session record named in the cookie ends, whoever still holds a copy of it. */
export async function endSessionOf(claims: TokenClaims): Promise<void> {
  if (typeof claims.sid !== "string" || typeof claims.uid !== "string") return;
  await endSession(await getDb(), { sessionId: claims.sid, userId: claims.uid }, "signed_out");
}

/**
 * Whether the cookie's session record is still alive (signed in, or waiting for its second factor). Auth.js's jwt
 * callback drops the cookie when it is not, so /api/auth/session never re-issues a cookie for an ended session.
 */
export async function sessionIsLive(claims: TokenClaims): Promise<boolean> {
  if (typeof claims.sid !== "string" || typeof claims.uid !== "string") return false;
  return (await loadLiveSession(await getDb(), { sessionId: claims.sid, userId: claims.uid })) !== null;
}
