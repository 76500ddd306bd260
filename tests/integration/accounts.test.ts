import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLog, memberships, users } from "@/db/schema";
import { signUpSchema, changePasswordSchema } from "@/lib/auth/schemas";
import { changePassword, signUp } from "@/server/accounts";
import type { MailMessage } from "@/server/mailer";
import { memberships as membershipsTable, organizations } from "@/db/schema";
import { loadSessionUser } from "@/server/session-user";
import { verifyPassword } from "@/server/passwords";
import { seedSession, TEST_PASSWORD, unique } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const meta = { ip: "198.51.100.7", userAgent: "vitest" };

function signUpInput(overrides: Partial<Record<"name" | "email" | "organizationName" | "password", string>> = {}) {
  const id = unique();
  return signUpSchema.parse({
    name: `Alice ${id}`,
    email: `alice-${id}@example.test`,
    organizationName: `Contoso ${id}`,
    password: TEST_PASSWORD,
    ...overrides,
  });
}

describe(`accounts (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  let ips = 0;
  const nextIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(++ips / 250)}.${(ips % 250) + 1}`;
  const mails: MailMessage[] = [];
  const mail = { origin: "https://portal.example", send: async (m: MailMessage) => (mails.push(m), true) };
  /** Signs up from an address of its own (the per-IP limit is tested in rate-limits.test.ts) and loads the result. */
  async function signUpAndLoad(input: ReturnType<typeof signUpInput>) {
    const res = await signUp(handle.db, input, { ...meta, ip: nextIp() }, mail);
    if (!res.ok) return res;
    const [user] = await handle.db.select().from(users).where(eq(users.email, input.email));
    const [m] = await handle.db.select().from(membershipsTable).where(eq(membershipsTable.userId, user!.id));
    const [org] = await handle.db.select().from(organizations).where(eq(organizations.id, m!.organizationId));
    return { ok: true as const, data: { user: user!, org: org! } };
  }

  describe("sign-up", () => {
    it("creates the user, an organisation with a slug from its name, and the admin membership", async () => {
      const input = signUpInput({ organizationName: "Fabrikam Security Ltd" });
      const res = await signUpAndLoad(input);
      if (!res.ok) throw new Error(res.message);
      const { user, org } = res.data;
      expect(org.slug).toMatch(/^fabrikam-security-ltd(-\d+)?$/);
      const [m] = await handle.db.select().from(memberships).where(eq(memberships.userId, user.id));
      expect(m).toMatchObject({ organizationId: org.id, role: "admin" });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it("gives a second organisation of the same name its own slug", async () => {
      const name = `Northwind ${unique()}`;
      const a = await signUpAndLoad(signUpInput({ organizationName: name }));
      const b = await signUpAndLoad(signUpInput({ organizationName: name }));
      if (!a.ok || !b.ok) throw new Error("sign-up failed");
      expect(b.data.org.slug).toBe(`${a.data.org.slug}-2`);
    });

    it("audits the sign-up and the new organisation without any secret", async () => {
      const res = await signUpAndLoad(signUpInput());
      if (!res.ok) throw new Error(res.message);
      const rows = await handle.db.select().from(auditLog).where(eq(auditLog.organizationId, res.data.org.id));
      expect(rows.map((r) => r.action).sort()).toEqual(["org.create", "user.signUp"]);
      expect(rows[0]).toMatchObject({
        ip: expect.stringMatching(/^10\./),
        userAgent: meta.userAgent,
        actorUserId: res.data.user.id,
      });
      expect(JSON.stringify(rows)).not.toMatch(/argon2|password/i);
    });

    it("makes no second account for a known address, whatever its case, and mails its owner instead", async () => {
      const first = signUpInput();
      await signUpAndLoad(first);
      const before = mails.length;
      const again = await signUp(handle.db, signUpInput({ email: first.email.toUpperCase() }), meta, mail);
      expect(again).toEqual({ ok: true, data: { email: first.email } });
      expect(await handle.db.select().from(users).where(eq(users.email, first.email))).toHaveLength(1);
      expect(mails.slice(before)).toEqual([
        expect.objectContaining({ to: first.email, subject: "Someone tried to create an account with your address" }),
      ]);
    });

    it("stores names with HTML and SQL verbatim", async () => {
      const evil = `<script>alert(1)</script> '; drop table users; --`;
      const res = await signUpAndLoad(signUpInput({ name: evil, organizationName: `${evil} ${unique()}` }));
      if (!res.ok) throw new Error(res.message);
      const [u] = await handle.db.select().from(users).where(eq(users.id, res.data.user.id));
      expect(u!.name).toBe(evil);
      expect(res.data.org.name.startsWith(evil)).toBe(true);
      expect(res.data.org.slug).toMatch(/^[a-z0-9-]+$/);
    });
  });

  describe("sign-up form input", () => {
    it.each([
      ["an overlong e-mail", { email: `${"a".repeat(250)}@example.test` }, "email"],
      ["a malformed e-mail", { email: "alice@@example" }, "email"],
      ["an e-mail with a newline", { email: "alice@example.test\nbcc:eve@example.test" }, "email"],
      ["a short password", { password: "Short-1" }, "password"],
      ["a common password", { password: "password123" }, "password"],
      ["an empty organisation name", { organizationName: "  " }, "organizationName"],
      ["a name with control characters", { name: "Ali\u0000ce" }, "name"],
    ])("refuses %s", (_label, override, field) => {
      const res = signUpSchema.safeParse({
        name: "Alice",
        email: "alice@example.test",
        organizationName: "Contoso",
        password: TEST_PASSWORD,
        ...override,
      });
      expect(res.success).toBe(false);
      expect(res.error!.issues.map((i) => i.path[0])).toContain(field);
    });

    it("lower-cases and trims the e-mail address", () => {
      const res = signUpSchema.parse({
        name: "A",
        email: "  Alice@Example.TEST ",
        organizationName: "Contoso",
        password: TEST_PASSWORD,
      });
      expect(res.email).toBe("alice@example.test");
    });
  });

  describe("change password", () => {
    it("replaces the hash, ends older sessions and keeps the new one valid", async () => {
      const res = await signUpAndLoad(signUpInput());
      if (!res.ok) throw new Error(res.message);
      const user = res.data.user;
      const oldSession = await seedSession(handle.db, user);
      const input = changePasswordSchema.parse({
        currentPassword: TEST_PASSWORD,
        newPassword: "A-new-long-secret-77",
        confirmPassword: "A-new-long-secret-77",
      });
      const changed = await changePassword(handle.db, user, input, meta);
      if (!changed.ok) throw new Error(changed.message);

      expect(await loadSessionUser(handle.db, oldSession)).toBeNull();
      expect(
        await loadSessionUser(
          handle.db,
          await seedSession(handle.db, { id: user.id, sessionVersion: changed.data.sessionVersion }),
        ),
      ).not.toBeNull();
      const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
      expect(await verifyPassword(row!.passwordHash, "A-new-long-secret-77")).toBe(true);
      expect(await verifyPassword(row!.passwordHash, TEST_PASSWORD)).toBe(false);
      const audit = await handle.db.select().from(auditLog).where(eq(auditLog.objectId, user.id));
      expect(audit.map((a) => a.action)).toContain("user.changePassword");
      expect(JSON.stringify(audit)).not.toContain("A-new-long-secret-77");
    });

    it("refuses a wrong current password and changes nothing", async () => {
      const res = await signUpAndLoad(signUpInput());
      if (!res.ok) throw new Error(res.message);
      const input = changePasswordSchema.parse({
        currentPassword: "not-my-password",
        newPassword: "A-new-long-secret-77",
        confirmPassword: "A-new-long-secret-77",
      });
      const changed = await changePassword(handle.db, res.data.user, input, meta);
      expect(changed).toMatchObject({ ok: false, fieldErrors: { currentPassword: [expect.any(String)] } });
      const [row] = await handle.db.select().from(users).where(eq(users.id, res.data.user.id));
      expect(row!.sessionVersion).toBe(res.data.user.sessionVersion);
    });

    it("applies the password policy and the confirmation to the new password", () => {
      expect(
        changePasswordSchema.safeParse({
          currentPassword: "x",
          newPassword: "qwertyuiop",
          confirmPassword: "qwertyuiop",
        }).success,
      ).toBe(false);
      expect(
        changePasswordSchema.safeParse({
          currentPassword: "x",
          newPassword: "A-new-long-secret-77",
          confirmPassword: "A-new-long-secret-78",
        }).success,
      ).toBe(false);
    });
  });

  describe("sessions", () => {
    it("a session for a deleted user or a forged id is not accepted", async () => {
      expect(
        await loadSessionUser(handle.db, {
          userId: "00000000-0000-0000-0000-000000000000",
          sessionVersion: 0,
          sessionId: "00000000-0000-0000-0000-000000000000",
        }),
      ).toBeNull();
      expect(
        await loadSessionUser(handle.db, { userId: "' or 1=1 --", sessionVersion: 0, sessionId: "' or 1=1 --" }),
      ).toBeNull();
      expect(await loadSessionUser(handle.db, null)).toBeNull();
    });
  });
});
