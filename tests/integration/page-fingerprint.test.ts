import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { pageFingerprint } from "@/db/queries/page-fingerprint";
import { users, userSessions, type User } from "@/db/schema";
import { endSession } from "@/db/queries/user-sessions";
import { setOrganizationRequiresTwoFactor } from "@/db/queries/two-factor";
import { generateDataset } from "@/lib/generator";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { settle, uploadFile } from "./helpers/imports";
import { contextFor, seedOrg, seedSession, seedUser } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

/**
 * The rendered-page cache serves a stored dashboard or snapshot page only while this fingerprint is unchanged, so
 * every change a member could see on those pages must change it — and it must not let anyone else in.
 */
describe(`page fingerprint (${testDriver()})`, () => {
  let handle: DbHandle;
  let world: Awaited<ReturnType<typeof seedOrg<"admin" | "viewer">>>;
  const session = (u: User) => contextFor(handle.db, u).session!;
  const fingerprint = (u: User, slug = world.org.slug) => pageFingerprint(handle.db, session(u), slug);

  beforeAll(async () => {
    handle = await createTestDb();
    world = await seedOrg(handle.db, { admin: "admin", viewer: "viewer" });
  });
  afterAll(async () => {
    await handle.close();
  });

  it("is the same while nothing changes, and null for non-members, unknown organisations and stale sessions", async () => {
    const first = await fingerprint(world.users.viewer);
    expect(first).toEqual(expect.any(String));
    expect(await fingerprint(world.users.viewer)).toBe(first);
    const outsider = await seedUser(handle.db, "outsider");
    expect(await fingerprint(outsider)).toBeNull();
    expect(await fingerprint(world.users.viewer, "no-such-org")).toBeNull();
    // A session issued before a password change (older session version) gets nothing from the cache.
    expect(
      await pageFingerprint(
        handle.db,
        { ...session(world.users.viewer), sessionVersion: world.users.viewer.sessionVersion + 1 },
        world.org.slug,
      ),
    ).toBeNull();
  });

  it("is null for a session that was signed out, went idle, passed its absolute lifetime or awaits its second factor", async () => {
    const viewer = world.users.viewer;
    const signedOut = await seedSession(handle.db, viewer);
    expect(await pageFingerprint(handle.db, signedOut, world.org.slug)).toEqual(expect.any(String));
    await endSession(handle.db, { sessionId: signedOut.sessionId }, "signed_out");
    expect(await pageFingerprint(handle.db, signedOut, world.org.slug)).toBeNull();

    const idle = await seedSession(handle.db, viewer);
    await handle.db
      .update(userSessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(userSessions.id, idle.sessionId));
    expect(await pageFingerprint(handle.db, idle, world.org.slug)).toBeNull();

    const old = await seedSession(handle.db, viewer);
    await handle.db
      .update(userSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userSessions.id, old.sessionId));
    expect(await pageFingerprint(handle.db, old, world.org.slug)).toBeNull();

    const pending = await seedSession(handle.db, viewer, { awaitingSecondFactor: true });
    expect(await pageFingerprint(handle.db, pending, world.org.slug)).toBeNull();
    // Another user's session id with this user's id: nothing.
    expect(
      await pageFingerprint(handle.db, { ...session(world.users.admin), userId: viewer.id }, world.org.slug),
    ).toBeNull();
  });

  it("is null when the organisation requires two-factor authentication the session has not shown", async () => {
    const { org, users: u } = await seedOrg(handle.db, { admin: "admin" });
    expect(await pageFingerprint(handle.db, session(u.admin), org.slug)).toEqual(expect.any(String));
    await setOrganizationRequiresTwoFactor(handle.db, org.id, true);
    expect(await pageFingerprint(handle.db, session(u.admin), org.slug)).toBeNull();
    const microsoft = await seedSession(handle.db, u.admin, { method: "microsoft" });
    expect(await pageFingerprint(handle.db, microsoft, org.slug)).toEqual(expect.any(String));
  });

  it("changes when hand-entered points, the organisation's name or a member's role change", async () => {
    const { org, users: u } = world;
    const admin = contextFor(handle.db, u.admin);
    let before = await fingerprint(u.viewer);
    const entered = await executeOrgAction(orgActions["scores.enterManual"], admin, org.slug, {
      month: "2026-10",
      track: "enterprise",
      skilling: "30",
      deployments: "",
      usageGrowth: "",
    });
    expect(entered.ok).toBe(true);
    expect(await fingerprint(u.viewer)).not.toBe(before);

    before = await fingerprint(u.viewer);
    expect((await executeOrgAction(orgActions["org.rename"], admin, org.slug, { name: "Renamed Partner" })).ok).toBe(
      true,
    );
    expect(await fingerprint(u.viewer)).not.toBe(before);

    before = await fingerprint(u.viewer);
    expect(
      (
        await executeOrgAction(orgActions["members.changeRole"], admin, org.slug, {
          userId: u.viewer.id,
          role: "analyst",
        })
      ).ok,
    ).toBe(true);
    expect(await fingerprint(u.viewer)).not.toBe(before);
  });

  it("changes when the user's name or another of their organisations changes (the page's header shows both)", async () => {
    const { users: u } = world;
    let before = await fingerprint(u.viewer);
    await handle.db.update(users).set({ name: "Vera Viewer" }).where(eq(users.id, u.viewer.id));
    expect(await fingerprint(u.viewer)).not.toBe(before);

    before = await fingerprint(u.viewer);
    const other = await seedOrg(handle.db, { owner: "admin" });
    const invite = executeOrgAction(
      orgActions["org.rename"],
      contextFor(handle.db, other.users.owner),
      other.org.slug,
      { name: "Other Partner" },
    );
    expect((await invite).ok).toBe(true);
    expect(await fingerprint(u.viewer)).toBe(before); // not one of the viewer's organisations
  });

  it("changes when an import succeeds and its snapshots are written, for every member", async () => {
    const { org, users: u } = world;
    const before = { admin: await fingerprint(u.admin), viewer: await fingerprint(u.viewer) };
    let azure = "";
    await generateDataset(
      { tenants: 15, months: 14, seed: 3, toMonth: "2026-10" },
      { azure: (c) => void (azure += c), m365: () => undefined },
    );
    const id = await uploadFile(handle.db, { organizationId: org.id, userId: u.admin.id }, "azure", azure, "2026-10");
    expect((await settle(handle.db, id))!.status).toBe("succeeded");
    await settle(handle.db);
    expect(await fingerprint(u.admin)).not.toBe(before.admin);
    expect(await fingerprint(u.viewer)).not.toBe(before.viewer);
    // And stays put once the background work is done.
    const after = await fingerprint(u.viewer);
    await settle(handle.db);
    expect(await fingerprint(u.viewer)).toBe(after);
  });
});
