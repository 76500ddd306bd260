import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { invitations, memberships } from "@/db/schema";
import { INVITATION_TTL_MS } from "@/lib/invitations/status";
import { orgActions } from "@/server/actions";
import { hashInvitationToken } from "@/server/invitation-token";
import { acceptInvitation, inspectInvitation, signUpWithInvitation } from "@/server/invitations";
import { executeOrgAction } from "@/server/org-action";
import { auditRows, contextFor, dumpTables, seedInvitation, seedOrg, seedUser, unique } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const meta = { ip: "198.51.100.1", userAgent: "vitest" };

describe(`invitations (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  async function invite(email = `invitee-${unique()}@example.test`, role = "analyst") {
    const world = await seedOrg(handle.db, { admin: "admin" });
    const res = await executeOrgAction(
      orgActions["invitations.create"],
      contextFor(handle.db, world.users.admin),
      world.org.slug,
      { email, role },
    );
    if (!res.ok) throw new Error(res.message);
    return { ...world, ...res.data };
  }

  it("stores only the token's hash, never the token, and audits without it", async () => {
    const { org, token, invitationId } = await invite();
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row!.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
    expect(JSON.stringify(await auditRows(handle.db, org.id))).not.toContain(token);
  });

  it("refuses a second open invitation for the same address, and inviting a member", async () => {
    const { org, users } = await seedOrg(handle.db, { admin: "admin", member: "viewer" });
    const ctx = contextFor(handle.db, users.admin);
    const email = `dup-${unique()}@example.test`;
    expect(
      await executeOrgAction(orgActions["invitations.create"], ctx, org.slug, { email, role: "viewer" }),
    ).toMatchObject({ ok: true });
    expect(
      await executeOrgAction(orgActions["invitations.create"], ctx, org.slug, {
        email: email.toUpperCase(),
        role: "viewer",
      }),
    ).toMatchObject({ ok: false, error: "conflict" });
    expect(
      await executeOrgAction(orgActions["invitations.create"], ctx, org.slug, {
        email: users.member.email,
        role: "admin",
      }),
    ).toMatchObject({
      ok: false,
      error: "conflict",
      message: expect.stringContaining("already a member"),
    });
  });

  it("accepting joins the organisation with the invited role, once", async () => {
    const email = `joiner-${unique()}@example.test`;
    const { org, token } = await invite(email, "analyst");
    const joiner = await seedUser(handle.db, "joiner", email);
    expect(await acceptInvitation(handle.db, token, joiner, meta)).toMatchObject({
      ok: true,
      data: { org: { id: org.id } },
    });
    const [m] = await handle.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, joiner.id)));
    expect(m!.role).toBe("analyst");
    expect(await acceptInvitation(handle.db, token, joiner, meta)).toMatchObject({
      ok: false,
      message: "This invitation has already been used.",
    });
    expect(
      (await auditRows(handle.db, org.id)).some(
        (a) => a.action === "invitations.accept" && a.actorUserId === joiner.id,
      ),
    ).toBe(true);
  });

  it("only the invited address can accept", async () => {
    const { token } = await invite();
    const someoneElse = await seedUser(handle.db, "else");
    const res = await acceptInvitation(handle.db, token, someoneElse, meta);
    expect(res).toMatchObject({ ok: false, message: expect.stringContaining("you are signed in as") });
  });

  it("an expired invitation cannot be accepted, and resending revives it with a new token", async () => {
    const email = `late-${unique()}@example.test`;
    const { org, users, token, invitationId } = await invite(email);
    const later = new Date(Date.now() + INVITATION_TTL_MS + 1000);
    expect(await inspectInvitation(handle.db, token, later)).toMatchObject({ status: "expired" });
    expect(
      await signUpWithInvitation(handle.db, token, { name: "Late", password: "A-long-password-1" }, meta, later),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("expired"),
    });

    const resent = await executeOrgAction(
      orgActions["invitations.resend"],
      contextFor(handle.db, users.admin),
      org.slug,
      { invitationId },
    );
    if (!resent.ok) throw new Error(resent.message);
    expect(resent.data.token).not.toBe(token);
    expect(await inspectInvitation(handle.db, token)).toEqual({ status: "invalid" });
    expect(await inspectInvitation(handle.db, resent.data.token)).toMatchObject({ status: "pending" });
  });

  it("a revoked invitation cannot be accepted", async () => {
    const { org, users, token, invitationId } = await invite();
    expect(
      await executeOrgAction(orgActions["invitations.revoke"], contextFor(handle.db, users.admin), org.slug, {
        invitationId,
      }),
    ).toMatchObject({ ok: true });
    expect(await inspectInvitation(handle.db, token)).toMatchObject({ status: "revoked" });
    expect(
      await signUpWithInvitation(handle.db, token, { name: "N", password: "A-long-password-1" }, meta),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("withdrawn"),
    });
  });

  it("someone without an account signs up through the link: account and membership together", async () => {
    const email = `fresh-${unique()}@example.test`;
    const { org, token } = await invite(email, "viewer");
    const res = await signUpWithInvitation(
      handle.db,
      token,
      { name: "<i>Fresh</i>", password: "A-long-password-1" },
      meta,
    );
    if (!res.ok) throw new Error(res.message);
    expect(res.data.user).toMatchObject({ email, name: "<i>Fresh</i>" });
    const [m] = await handle.db.select().from(memberships).where(eq(memberships.userId, res.data.user.id));
    expect(m).toMatchObject({ organizationId: org.id, role: "viewer" });
    expect(await inspectInvitation(handle.db, token)).toMatchObject({ status: "accepted" });
  });

  it("two accepts of one link at once make one membership", async () => {
    const email = `race-${unique()}@example.test`;
    const { token } = await invite(email);
    const results = await Promise.all([
      signUpWithInvitation(handle.db, token, { name: "A", password: "A-long-password-1" }, meta),
      signUpWithInvitation(handle.db, token, { name: "B", password: "A-long-password-1" }, meta),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("an invitation of another organisation cannot be resent or revoked", async () => {
    const mine = await seedOrg(handle.db, { admin: "admin" });
    const theirs = await seedOrg(handle.db, { admin: "admin" });
    const foreign = await seedInvitation(handle.db, theirs.org.id, theirs.users.admin.id);
    const before = await dumpTables(handle.db);
    const ctx = contextFor(handle.db, mine.users.admin);
    expect(
      await executeOrgAction(orgActions["invitations.revoke"], ctx, mine.org.slug, { invitationId: foreign.id }),
    ).toMatchObject({ ok: false, error: "not_found" });
    expect(
      await executeOrgAction(orgActions["invitations.resend"], ctx, mine.org.slug, { invitationId: foreign.id }),
    ).toMatchObject({ ok: false, error: "not_found" });
    expect(await dumpTables(handle.db)).toBe(before);
  });

  it("a malformed or unknown token is simply invalid", async () => {
    expect(await inspectInvitation(handle.db, "not-a-token")).toEqual({ status: "invalid" });
    expect(await inspectInvitation(handle.db, "A".repeat(43))).toEqual({ status: "invalid" });
  });
});
