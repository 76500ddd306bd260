import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import { findUserById } from "@/db/queries/users";

/** What the session cookie claims: the user's id and the sessionVersion it was issued under. */
export type SessionClaims = { userId: string; sessionVersion: number };

/**
 * The user behind a session, read from the database on every request. A token issued before the
 * last password change (older sessionVersion) or for a deleted user is not accepted.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims | null): Promise<User | null> {
  if (!claims) return null;
  const user = await findUserById(db, claims.userId);
  if (!user || user.sessionVersion !== claims.sessionVersion) return null;
  return user;
}
