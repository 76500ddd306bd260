import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { endOtherSessions, endSession, listLiveSessions, loadLiveSession } from "@/db/queries/user-sessions";
import { users, userSessions } from "@/db/schema";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/session-policy";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { loadSessionUser } from "@/server/session-user";
import { contextFor, seedOrg, seedSession, seedUser } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const minutes = (n: number) => n * 60_000;

describe(`server-side sessions (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("a token kept after signing out is refused, for pages and for organisation actions (issue 12, finding 5)", async () => {
    const { org, users: u } = await seedOrg(handle.db, { admin: "admin" });
    const kept = await seedSession(handle.db, u.admin);
    const ctx = { ...contextFor(handle.db, u.admin), session: kept };
    expect(await loadSessionUser(handle.db, kept)).toMatchObject({ id: u.admin.id });
    expect((await executeOrgAction(orgActions["org.rename"], ctx, org.slug, { name: "Before sign-out" })).ok).toBe(
      true,
    );

    expect(await endSession(handle.db, { sessionId: kept.sessionId, userId: u.admin.id }, "signed_out")).toBe(true);
    expect(await loadSessionUser(handle.db, kept)).toBeNull();
    expect(await executeOrgAction(orgActions["org.rename"], ctx, org.slug, { name: "After sign-out" })).toMatchObject({
      ok: false,
      error: "unauthenticated",
    });
  });

  it("ends after 30 minutes without activity", async () => {
    const user = await seedUser(handle.db, "idle");
    const t0 = new Date();
    const claims = await seedSession(handle.db, user, { now: t0 });
    expect(await loadLiveSession(handle.db, claims, new Date(t0.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    // That request counted as activity; 30 minutes of nothing after it ends the session.
    const seen = t0.getTime() + SESSION_IDLE_MS - 1000;
    expect(await loadLiveSession(handle.db, claims, new Date(seen + SESSION_IDLE_MS + 1000))).toBeNull();
  });

  it("ends at its absolute lifetime however active it is: no refresh extends it", async () => {
    const user = await seedUser(handle.db, "absolute");
    const t0 = new Date(Date.now() - SESSION_ABSOLUTE_MS - minutes(30));
    const claims = await seedSession(handle.db, user, { now: t0 });
    const [{ expiresAt }] = await handle.db
      .select({ expiresAt: userSessions.expiresAt })
      .from(userSessions)
      .where(eq(userSessions.id, claims.sessionId));
    // A request every 20 minutes for the whole day: each one refreshes the idle clock, none the absolute one.
    for (let t = t0.getTime() + minutes(20); t < t0.getTime() + SESSION_ABSOLUTE_MS; t += minutes(20)) {
      expect(await loadLiveSession(handle.db, claims, new Date(t)), new Date(t).toISOString()).not.toBeNull();
    }
    expect(await loadLiveSession(handle.db, claims, new Date(t0.getTime() + SESSION_ABSOLUTE_MS + 1000))).toBeNull();
    const [after] = await handle.db.select().from(userSessions).where(eq(userSessions.id, claims.sessionId));
    expect(after!.expiresAt).toEqual(expiresAt);
    expect(await loadSessionUser(handle.db, claims)).toBeNull();
  });

  it("a session waiting for its second factor signs no one in", async () => {
    const user = await seedUser(handle.db, "pending");
    const claims = await seedSession(handle.db, user, { awaitingSecondFactor: true });
    expect(await loadSessionUser(handle.db, claims)).toBeNull();
    expect(await loadLiveSession(handle.db, claims)).toMatchObject({ state: "awaiting_second_factor" });
    expect(await loadLiveSession(handle.db, claims, new Date(Date.now() + minutes(11)))).toBeNull();
  });

  it("a password change ends the sessions issued before it", async () => {
    const user = await seedUser(handle.db, "changed");
    const claims = await seedSession(handle.db, user);
    await handle.db
      .update(users)
      .set({ sessionVersion: user.sessionVersion + 1 })
      .where(eq(users.id, user.id));
    expect(await loadSessionUser(handle.db, claims)).toBeNull();
  });

  it("lists the live sessions; one can be ended, or all but this one; never another person's", async () => {
    const user = await seedUser(handle.db, "many");
    const here = await seedSession(handle.db, user);
    const phone = await seedSession(handle.db, user);
    const laptop = await seedSession(handle.db, user);
    const ids = (await listLiveSessions(handle.db, user)).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([here.sessionId, phone.sessionId, laptop.sessionId]));

    const stranger = await seedUser(handle.db, "stranger");
    expect(await endSession(handle.db, { sessionId: phone.sessionId, userId: stranger.id }, "revoked")).toBe(false);
    expect(await loadSessionUser(handle.db, phone)).not.toBeNull();

    expect(await endSession(handle.db, { sessionId: phone.sessionId, userId: user.id }, "revoked")).toBe(true);
    expect(await loadSessionUser(handle.db, phone)).toBeNull();

    expect(await endOtherSessions(handle.db, user.id, here.sessionId)).toBeGreaterThanOrEqual(2);
    expect(await loadSessionUser(handle.db, laptop)).toBeNull();
    expect(await loadSessionUser(handle.db, here)).not.toBeNull();
    expect((await listLiveSessions(handle.db, user)).map((s) => s.id)).toEqual([here.sessionId]);
  });

  it("a forged session id, or one of another user, is refused", async () => {
    const a = await seedUser(handle.db, "a");
    const b = await seedUser(handle.db, "b");
    const bs = await seedSession(handle.db, b);
    expect(await loadSessionUser(handle.db, { ...bs, userId: a.id, sessionVersion: a.sessionVersion })).toBeNull();
    expect(await loadSessionUser(handle.db, { ...bs, sessionId: "' or 1=1 --" })).toBeNull();
  });
});
