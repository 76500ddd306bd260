import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, userSessions, type User, type UserSession } from "@/db/schema";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_MS, sessionState } from "@/lib/auth/session-policy";
import { isUuid } from "./users";

export async function createSession(
  db: Db,
  values: {
    userId: string;
    method: "password" | "microsoft";
    awaitingSecondFactor: boolean;
    sessionVersion: number;
    ip: string | null;
    userAgent: string | null;
  },
  now: Date = new Date(),
): Promise<UserSession> {
  const [row] = await db
    .insert(userSessions)
    .values({
      ...values,
      userAgent: values.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    })
    .returning();
  return row!;
}

export type LoadedSession = { session: UserSession; user: User; state: "active" | "awaiting_second_factor" };

/**
 * The session and its user when the session is still alive (not ended, not idle, not past its absolute end, same
 * session version); null otherwise. Marks the session as seen (at most once a minute: this runs on every request).
 */
export async function loadLiveSession(
  db: Db,
  ids: { sessionId: string; userId: string },
  now: Date = new Date(),
): Promise<LoadedSession | null> {
  if (!isUuid(ids.sessionId) || !isUuid(ids.userId)) return null;
  const [row] = await db
    .select({ session: userSessions, user: users })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, ids.sessionId), eq(userSessions.userId, ids.userId)))
    .limit(1);
  if (!row) return null;
  const state = sessionState(row.session, row.user.sessionVersion, now);
  if (state === "ended") return null;
  if (state === "active" && now.getTime() - row.session.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, row.session.id));
  }
  return { session: row.session, user: row.user, state };
}

/** The password was followed by the right code (or a recovery code): the session becomes a signed-in one. */
export async function completeSecondFactor(
  db: Db,
  sessionId: string,
  factor: "totp" | "recovery_code",
  now: Date = new Date(),
): Promise<void> {
  await db
    .update(userSessions)
    .set({ awaitingSecondFactor: false, secondFactor: factor, lastSeenAt: now })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}

/** This session has just proven a second factor in another way (enrolment): it satisfies an organisation's rule. */
export async function markSecondFactor(db: Db, sessionId: string, factor: "totp"): Promise<void> {
  await db.update(userSessions).set({ secondFactor: factor }).where(eq(userSessions.id, sessionId));
}

export async function endSession(
  db: Db,
  where: { sessionId: string; userId?: string },
  reason: "signed_out" | "revoked",
  now: Date = new Date(),
): Promise<boolean> {
  if (!isUuid(where.sessionId)) return false;
  const ended = await db
    .update(userSessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(
        eq(userSessions.id, where.sessionId),
        where.userId ? eq(userSessions.userId, where.userId) : undefined,
        isNull(userSessions.endedAt),
      ),
    )
    .returning({ id: userSessions.id });
  return ended.length > 0;
}

/** Ends every session of the user except `keep`; returns how many. */
export async function endOtherSessions(db: Db, userId: string, keep: string, now: Date = new Date()): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: now, endReason: "signed_out_elsewhere" })
    .where(and(eq(userSessions.userId, userId), ne(userSessions.id, keep), isNull(userSessions.endedAt)))
    .returning({ id: userSessions.id });
  return ended.length;
}

/** The user's sessions that are still alive, newest first. */
export async function listLiveSessions(db: Db, user: User, now: Date = new Date()): Promise<UserSession[]> {
  const rows = await db
    .select()
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, user.id),
        isNull(userSessions.endedAt),
        eq(userSessions.sessionVersion, user.sessionVersion),
        gt(userSessions.expiresAt, now),
        gt(userSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    )
    .orderBy(desc(userSessions.lastSeenAt));
  return rows.filter((s) => sessionState(s, user.sessionVersion, now) === "active");
}

/** Sessions that ended or expired more than `before` ago are deleted by the background worker. */
export async function pruneSessions(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(userSessions)
    .where(sql`coalesce(${userSessions.endedAt}, ${userSessions.expiresAt}) < ${before}`)
    .returning({ id: userSessions.id });
  return deleted.length;
}
