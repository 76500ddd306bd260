import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbHandle } from "@/db/client";
import { memberships, organizations } from "@/db/schema";
import { lockOrganization, renameOrganization } from "@/db/queries/organizations";
import { orgActions } from "@/server/actions";
import { LAST_ADMIN_MESSAGES } from "@/server/actions/members";
import { ActionFailure, defineOrgAction, executeOrgAction } from "@/server/org-action";
import { auditRows, contextFor, dumpTables, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

describe(`members and organisation actions (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  const roleOf = async (orgId: string, userId: string) =>
    (
      await handle.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)))
    )[0]?.role ?? null;

  describe("the last admin", () => {
    it("cannot demote themself", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", viewer: "viewer" });
      const before = await dumpTables(handle.db);
      const res = await executeOrgAction(
        orgActions["members.changeRole"],
        contextFor(handle.db, users.admin),
        org.slug,
        { userId: users.admin.id, role: "viewer" },
      );
      expect(res).toEqual({ ok: false, error: "conflict", message: LAST_ADMIN_MESSAGES.demote });
      expect(await dumpTables(handle.db)).toBe(before);
    });

    it("cannot leave", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", analyst: "analyst" });
      const res = await executeOrgAction(
        orgActions["membership.leave"],
        contextFor(handle.db, users.admin),
        org.slug,
        {},
      );
      expect(res).toMatchObject({ ok: false, error: "conflict", message: LAST_ADMIN_MESSAGES.leave });
      expect(await roleOf(org.id, users.admin.id)).toBe("admin");
    });

    it("cannot be removed, not even by themself", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin" });
      const res = await executeOrgAction(orgActions["members.remove"], contextFor(handle.db, users.admin), org.slug, {
        userId: users.admin.id,
      });
      expect(res).toMatchObject({ ok: false, error: "conflict", message: LAST_ADMIN_MESSAGES.remove });
      expect(await roleOf(org.id, users.admin.id)).toBe("admin");
    });

    it("can step down once someone else is admin", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", other: "analyst" });
      const ctx = contextFor(handle.db, users.admin);
      expect(
        await executeOrgAction(orgActions["members.changeRole"], ctx, org.slug, {
          userId: users.other.id,
          role: "admin",
        }),
      ).toMatchObject({ ok: true });
      expect(
        await executeOrgAction(orgActions["members.changeRole"], ctx, org.slug, {
          userId: users.admin.id,
          role: "viewer",
        }),
      ).toMatchObject({ ok: true });
      expect(await roleOf(org.id, users.admin.id)).toBe("viewer");
    });

    it("of two admins demoting each other at once, one keeps the role", async () => {
      const { org, users } = await seedOrg(handle.db, { a: "admin", b: "admin" });
      await Promise.all([
        executeOrgAction(orgActions["members.changeRole"], contextFor(handle.db, users.a), org.slug, {
          userId: users.b.id,
          role: "viewer",
        }),
        executeOrgAction(orgActions["members.changeRole"], contextFor(handle.db, users.b), org.slug, {
          userId: users.a.id,
          role: "viewer",
        }),
      ]);
      const roles = [await roleOf(org.id, users.a.id), await roleOf(org.id, users.b.id)];
      expect(roles.filter((r) => r === "admin")).toHaveLength(1);
    });
  });

  describe("roles are read from the database on every call", () => {
    it("a demoted admin loses admin actions at once", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", boss: "admin" });
      await executeOrgAction(orgActions["members.changeRole"], contextFor(handle.db, users.boss), org.slug, {
        userId: users.admin.id,
        role: "viewer",
      });
      const res = await executeOrgAction(orgActions["org.rename"], contextFor(handle.db, users.admin), org.slug, {
        name: "Still mine?",
      });
      expect(res).toMatchObject({ ok: false, error: "forbidden" });
    });

    it("a removed member gets 'not found' at once", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", gone: "analyst" });
      await executeOrgAction(orgActions["members.remove"], contextFor(handle.db, users.admin), org.slug, {
        userId: users.gone.id,
      });
      const res = await executeOrgAction(
        orgActions["membership.leave"],
        contextFor(handle.db, users.gone),
        org.slug,
        {},
      );
      expect(res).toMatchObject({ ok: false, error: "not_found" });
    });
  });

  describe("forged identifiers", () => {
    it("an organisation id smuggled into the form is ignored: the slug decides, through the caller's memberships", async () => {
      const mine = await seedOrg(handle.db, { admin: "admin" });
      const theirs = await seedOrg(handle.db, { admin: "admin" });
      const res = await executeOrgAction(
        orgActions["org.rename"],
        contextFor(handle.db, mine.users.admin),
        mine.org.slug,
        {
          name: "Renamed",
          organizationId: theirs.org.id,
          orgId: theirs.org.id,
          slug: theirs.org.slug,
        },
      );
      expect(res).toMatchObject({ ok: true });
      const [t] = await handle.db.select().from(organizations).where(eq(organizations.id, theirs.org.id));
      expect(t!.name).toBe(theirs.org.name);
    });

    it("an admin cannot change the role of someone from another organisation", async () => {
      const mine = await seedOrg(handle.db, { admin: "admin" });
      const theirs = await seedOrg(handle.db, { admin: "admin", victim: "viewer" });
      const before = await dumpTables(handle.db);
      const res = await executeOrgAction(
        orgActions["members.changeRole"],
        contextFor(handle.db, mine.users.admin),
        mine.org.slug,
        { userId: theirs.users.victim.id, role: "admin" },
      );
      expect(res).toMatchObject({ ok: false, error: "not_found" });
      expect(await dumpTables(handle.db)).toBe(before);
    });

    it.each([
      ["a slug with SQL", "x' or '1'='1"],
      ["a path", "../admin"],
      ["an organisation id instead of a slug", "00000000-0000-0000-0000-000000000000"],
      ["not a string", 42],
    ])("%s is 'not found'", async (_label, slug) => {
      const { users } = await seedOrg(handle.db, { admin: "admin" });
      const res = await executeOrgAction(orgActions["org.rename"], contextFor(handle.db, users.admin), slug, {
        name: "X Y",
      });
      expect(res).toMatchObject({ ok: false, error: "not_found" });
    });

    it("a made-up role is refused as bad input", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", v: "viewer" });
      const res = await executeOrgAction(
        orgActions["members.changeRole"],
        contextFor(handle.db, users.admin),
        org.slug,
        { userId: users.v.id, role: "owner" },
      );
      expect(res).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { role: [expect.any(String)] } });
    });

    it("a stale session (issued before a password change) is refused", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin" });
      const ctx = {
        ...contextFor(handle.db, users.admin),
        session: { ...contextFor(handle.db, users.admin).session!, sessionVersion: users.admin.sessionVersion - 1 },
      };
      expect(await executeOrgAction(orgActions["org.rename"], ctx, org.slug, { name: "Nope" })).toMatchObject({
        ok: false,
        error: "unauthenticated",
      });
    });
  });

  describe("names are stored verbatim", () => {
    it("HTML and SQL in an organisation name are kept as typed", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin" });
      const name = `<img src=x onerror=alert(1)> '); drop table organizations; --`;
      expect(
        await executeOrgAction(orgActions["org.rename"], contextFor(handle.db, users.admin), org.slug, { name }),
      ).toMatchObject({ ok: true });
      const [row] = await handle.db.select().from(organizations).where(eq(organizations.id, org.id));
      expect(row!.name).toBe(name);
    });
  });

  describe("audit entries share the change's transaction", () => {
    it("records who changed what, before and after, with IP and user agent", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", v: "viewer" });
      await executeOrgAction(orgActions["members.changeRole"], contextFor(handle.db, users.admin), org.slug, {
        userId: users.v.id,
        role: "analyst",
      });
      const [entry] = (await auditRows(handle.db, org.id)).filter((a) => a.action === "members.changeRole");
      expect(entry).toMatchObject({
        actorUserId: users.admin.id,
        actorEmail: users.admin.email,
        objectType: "membership",
        objectId: users.v.id,
        before: { role: "viewer", email: users.v.email },
        after: { role: "analyst", email: users.v.email },
        ip: "203.0.113.9",
        userAgent: "vitest",
      });
    });

    it("a change that fails after writing leaves neither the change nor an audit row", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin" });
      const failing = defineOrgAction({
        name: "test.failsAfterWrite",
        permission: "org.rename",
        input: z.object({}),
        handler: async (tx, { org: o }) => {
          await renameOrganization(tx, o.id, "Half-done");
          throw new ActionFailure("conflict", "Refused after the write.");
        },
      });
      const before = await dumpTables(handle.db);
      expect(await executeOrgAction(failing, contextFor(handle.db, users.admin), org.slug, {})).toMatchObject({
        ok: false,
        error: "conflict",
      });
      expect(await dumpTables(handle.db)).toBe(before);
    });

    it("an audit entry that cannot be written undoes the change", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin" });
      const unauditable = defineOrgAction({
        name: "test.badAudit",
        permission: "org.rename",
        input: z.object({}),
        handler: async (tx, { org: o }) => {
          await renameOrganization(tx, o.id, "Changed without a trace");
          return { result: null, audit: { objectType: null as unknown as string } };
        },
      });
      await expect(executeOrgAction(unauditable, contextFor(handle.db, users.admin), org.slug, {})).rejects.toThrow();
      const [row] = await handle.db.select().from(organizations).where(eq(organizations.id, org.id));
      expect(row!.name).toBe(org.name);
    });

    it("never stores passwords, hashes or tokens", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin" });
      const leaky = defineOrgAction({
        name: "test.leaky",
        permission: "org.rename",
        input: z.object({}),
        handler: async () => ({
          result: null,
          audit: {
            objectType: "user",
            before: { passwordHash: "$argon2id$x", name: "A" },
            after: { token: "t0k3n", inviteTokenHash: "h", name: "B" },
          },
        }),
      });
      await executeOrgAction(leaky, contextFor(handle.db, users.admin), org.slug, {});
      const [entry] = (await auditRows(handle.db, org.id)).filter((a) => a.action === "test.leaky");
      expect(entry!.before).toEqual({ name: "A" });
      expect(entry!.after).toEqual({ name: "B" });
    });
  });
  if (testDriver() === "postgres") {
    // One organisation lock (db/queries/organizations.ts): a membership change waits for whatever holds it, such
    // as an import's pass or a recompute, and goes on once that transaction ends.
    it("a membership change waits for the organisation lock another transaction holds", async () => {
      const { org, users } = await seedOrg(handle.db, { admin: "admin", viewer: "viewer" });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = handle.db.transaction(async (tx) => {
        await lockOrganization(tx, org.id);
        locked();
        await held;
      });
      await isLocked;
      let done = false;
      const change = executeOrgAction(orgActions["members.changeRole"], contextFor(handle.db, users.admin), org.slug, {
        userId: users.viewer.id,
        role: "analyst",
      }).then((res) => {
        done = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      expect(await roleOf(org.id, users.viewer.id)).toBe("viewer");
      release();
      await holder;
      expect(await change).toMatchObject({ ok: true });
      expect(await roleOf(org.id, users.viewer.id)).toBe("analyst");
    });
  }
});
