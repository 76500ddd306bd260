import type { Db } from "@/db/client";
import type { User, UserSession } from "@/db/schema";
import { loadLiveSession } from "@/db/queries/user-sessions";

/**
 * What the session cookie claims: the user's id, the sessionVersion it was issued under, and the id of its
 * server-side session record (db/schema/user-sessions.ts), without which no cookie is accepted.
 */
export type SessionClaims = { userId: string; sessionVersion: number; sessionId: string };

/**
 * The user behind a session, read from the database on every request. Refused: a token whose session record has
 * ended (signed out, revoked), gone idle or past its absolute lifetime, is still waiting for its second factor,
 * was issued before the last password change (older sessionVersion), or belongs to a deleted user.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims | null): Promise<User | null> {
  return (await loadSignedInSession(db, claims))?.user ?? null;
}

export async function loadSignedInSession(
  db: Db,
  claims: SessionClaims | null,
): Promise<{ user: User; session: UserSession } | null> {
  if (!claims) return null;
  const loaded = await loadLiveSession(db, claims);
  if (!loaded || loaded.state !== "active" || loaded.user.sessionVersion !== claims.sessionVersion) return null;
  return { user: loaded.user, session: loaded.session };
}
