import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { externalIdentities, memberships, users, type User } from "@/db/schema";
import { pageFingerprint } from "@/db/queries/page-fingerprint";
import type { ExternalClaims } from "@/lib/auth/external-claims";
import { RATE_LIMITS } from "@/lib/auth/rate-limits";
import { resetPasswordSchema, signUpSchema } from "@/lib/auth/schemas";
import { signUp } from "@/server/accounts";
import { orgActions } from "@/server/actions";
import { checkCredentials } from "@/server/credentials";
import { resendVerification, verifyEmail, RESEND_LIMITED } from "@/server/email-verification";
import { resolveExternalSignIn, startLink } from "@/server/external-identities";
import { acceptInvitation, VERIFY_FIRST } from "@/server/invitations";
import type { MailMessage } from "@/server/mailer";
import { executeOrgAction } from "@/server/org-action";
import { requestPasswordReset, resetPassword } from "@/server/password-reset";
import { hitRateLimit } from "@/server/rate-limit";
import { loadSessionUser } from "@/server/session-user";
import { contextFor, seedInvitation, seedOrg, seedSession, seedUser, TEST_PASSWORD, unique } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const ISSUER = "https://login.microsoftonline.com/tenant-under-test/v2.0";
const NEW_PASSWORD = "Brand-New-Secret-2026";

/**
 * Issue 12: the identity attacks, each performed against the server functions the pages call. Mail is captured;
 * every caller gets an address of its own unless the test is about one address.
 */
describe(`identity (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  const mails: MailMessage[] = [];
  const mail = { origin: "https://portal.example", send: async (m: MailMessage) => (mails.push(m), true) };
  let ips = 0;
  const meta = () => ({ ip: `192.0.${Math.floor(++ips / 250)}.${(ips % 250) + 1}`, userAgent: "vitest" });
  const linkIn = (m: MailMessage | undefined, path: string) => {
    const match = new RegExp(`${path}/([A-Za-z0-9_-]{43})`).exec(m?.text ?? "");
    if (!match) throw new Error(`no ${path} link in ${JSON.stringify(m)}`);
    return match[1]!;
  };
  const mailsTo = (email: string) => mails.filter((m) => m.to === email);
  const userByEmail = async (email: string) =>
    (await handle.db.select().from(users).where(eq(users.email, email)))[0] as User;
  const input = (email: string) =>
    signUpSchema.parse({ name: "Mallory", email, organizationName: `Squat ${unique()}`, password: TEST_PASSWORD });
  const claims = (email: string, overrides: Partial<ExternalClaims> = {}): ExternalClaims => ({
    issuer: ISSUER,
    subject: `sub-${unique()}`,
    email,
    emailVerified: true,
    name: "Victoria",
    ...overrides,
  });

  describe("finding 1: account takeover through Microsoft sign-in", () => {
    it("someone who signed up with the victim's address does not receive the victim's Microsoft sign-in or invitation", async () => {
      const victim = `victim-${unique()}@partner.test`;
      // The attacker signs up with the victim's address and a password of their own; it is never verified.
      expect(await signUp(handle.db, input(victim), meta(), mail)).toMatchObject({ ok: true });
      const squat = await userByEmail(victim);
      expect(squat.emailVerifiedAt).toBeNull();

      // An admin invites that address; the real person signs in with Microsoft, which asserts it as verified.
      const { org, users: admins } = await seedOrg(handle.db, { admin: "admin" });
      const invitation = await seedInvitation(handle.db, org.id, admins.admin.id, victim);
      const signIn = await resolveExternalSignIn(handle.db, claims(victim), null, meta());
      expect(signIn).toEqual({ ok: false, reason: "link_required" });
      expect(await handle.db.select().from(externalIdentities).where(eq(externalIdentities.userId, squat.id))).toEqual(
        [],
      );

      // The attacker, signed in with the password, can neither take the invitation nor reach the organisation.
      await seedSession(handle.db, squat);
      expect(await acceptInvitation(handle.db, invitation.token, squat, meta())).toEqual({
        ok: false,
        message: VERIFY_FIRST,
      });
      expect(await handle.db.select().from(memberships).where(eq(memberships.userId, squat.id))).toHaveLength(1);
      const exported = await executeOrgAction(orgActions["audit.export"], contextFor(handle.db, squat), org.slug, {
        action: "",
        actor: "",
        from: "",
        to: "",
      });
      expect(exported.ok).toBe(false);

      // The real owner takes the address back by e-mail: the reset verifies it and ends the attacker's sessions.
      const attackerSession = await seedSession(handle.db, squat);
      await requestPasswordReset(handle.db, victim, meta(), mail);
      const token = linkIn(mailsTo(victim).at(-1), "/reset-password");
      const reset = await resetPassword(
        handle.db,
        token,
        resetPasswordSchema.parse({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
        meta(),
      );
      expect(reset).toMatchObject({ ok: true });
      expect(await loadSessionUser(handle.db, attackerSession)).toBeNull();
      expect(
        (await checkCredentials(handle.db, { email: victim, password: TEST_PASSWORD, ip: "192.0.2.200" })).ok,
      ).toBe(false);
      // Now both sides are verified, and the Microsoft identity links to the account its owner controls.
      const again = await resolveExternalSignIn(handle.db, claims(victim), null, meta());
      expect(again).toMatchObject({ ok: true, user: { id: squat.id } });
    });

    it("links automatically only when both addresses are verified, and afterwards goes by issuer and subject", async () => {
      const { users: u } = await seedOrg(handle.db, { member: "analyst" });
      const unverifiedClaim = claims(u.member.email, { emailVerified: false });
      expect(await resolveExternalSignIn(handle.db, unverifiedClaim, null, meta())).toEqual({
        ok: false,
        reason: "link_required",
      });
      const verified = claims(u.member.email);
      expect(await resolveExternalSignIn(handle.db, verified, null, meta())).toMatchObject({
        ok: true,
        user: { id: u.member.id },
      });
      // The provider's e-mail claim changes later: the identity still reaches the same account, and only it.
      const renamed = { ...verified, email: `someone-else-${unique()}@partner.test` };
      expect(await resolveExternalSignIn(handle.db, renamed, null, meta())).toMatchObject({
        ok: true,
        user: { id: u.member.id },
      });
      // Another subject asserting the same address (unverified) gets nothing.
      expect(
        await resolveExternalSignIn(handle.db, { ...unverifiedClaim, subject: `other-${unique()}` }, null, meta()),
      ).toEqual({ ok: false, reason: "link_required" });
    });

    it("creates an account from Microsoft only for a verified address", async () => {
      const email = `newcomer-${unique()}@partner.test`;
      expect(await resolveExternalSignIn(handle.db, claims(email, { emailVerified: false }), null, meta())).toEqual({
        ok: false,
        reason: "link_required",
      });
      expect(await handle.db.select().from(users).where(eq(users.email, email))).toEqual([]);
      const res = await resolveExternalSignIn(handle.db, claims(email), null, meta());
      expect(res).toMatchObject({ ok: true, user: { email, passwordHash: null } });
      expect((await userByEmail(email)).emailVerifiedAt).not.toBeNull();
    });

    it("links from the signed-in account once, only for a verified account, never someone else's identity", async () => {
      const unverified = await seedUser(handle.db, "fresh");
      await handle.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unverified.id));
      expect(await startLink(handle.db, { ...unverified, emailVerifiedAt: null })).toMatchObject({ ok: false });

      const owner = await seedUser(handle.db, "owner");
      const started = await startLink(handle.db, owner);
      if (!started.ok) throw new Error(started.message);
      // Microsoft says nothing verified about this identity's address: linking still works, the owner chose it.
      const identity = claims(`work-${unique()}@other.test`, { emailVerified: false });
      expect(await resolveExternalSignIn(handle.db, identity, started.data.token, meta())).toMatchObject({
        ok: true,
        user: { id: owner.id },
      });
      expect(await resolveExternalSignIn(handle.db, identity, started.data.token, meta())).toEqual({
        ok: false,
        reason: "link_failed",
      });
      expect(await resolveExternalSignIn(handle.db, identity, null, meta())).toMatchObject({ user: { id: owner.id } });

      const other = await seedUser(handle.db, "other");
      const second = await startLink(handle.db, other);
      if (!second.ok) throw new Error(second.message);
      expect(await resolveExternalSignIn(handle.db, identity, second.data.token, meta())).toEqual({
        ok: false,
        reason: "identity_taken",
      });
    });
  });

  describe("verified e-mail addresses", () => {
    it("sign-up mails a single-use link; until it is followed the account reaches no organisation", async () => {
      const email = `new-${unique()}@partner.test`;
      await signUp(handle.db, input(email), meta(), mail);
      const user = await userByEmail(email);
      const [m] = await handle.db.select().from(memberships).where(eq(memberships.userId, user.id));
      const { organizations } = await import("@/db/schema");
      const [org] = await handle.db.select().from(organizations).where(eq(organizations.id, m!.organizationId));
      const session = await seedSession(handle.db, user);

      expect(await pageFingerprint(handle.db, session, org!.slug)).toBeNull();
      const rename = () =>
        executeOrgAction(orgActions["org.rename"], contextFor(handle.db, user), org!.slug, { name: "Renamed" });
      expect(await rename()).toMatchObject({ ok: false, error: "forbidden" });

      const token = linkIn(mailsTo(email).at(-1), "/verify-email");
      expect(await verifyEmail(handle.db, token, meta())).toMatchObject({ ok: true, data: { user: { id: user.id } } });
      expect(await verifyEmail(handle.db, token, meta())).toMatchObject({ ok: false });
      const verified = await userByEmail(email);
      expect(verified.emailVerifiedAt).not.toBeNull();
      expect(await pageFingerprint(handle.db, session, org!.slug)).not.toBeNull();
      expect(
        await executeOrgAction(orgActions["org.rename"], contextFor(handle.db, verified), org!.slug, {
          name: "Renamed",
        }),
      ).toMatchObject({ ok: true });
    });

    it("a link expires after 24 hours, and resending withdraws the older link and is throttled", async () => {
      const email = `slow-${unique()}@partner.test`;
      await signUp(handle.db, input(email), meta(), mail);
      const user = await userByEmail(email);
      const first = linkIn(mailsTo(email).at(-1), "/verify-email");
      const tomorrow = new Date(Date.now() + 24 * 60 * 60_000 + 1000);
      expect(await verifyEmail(handle.db, first, meta(), tomorrow)).toMatchObject({ ok: false, message: /expired/ });

      expect(await resendVerification(handle.db, user, mail)).toMatchObject({ ok: true, data: { sent: true } });
      const second = linkIn(mailsTo(email).at(-1), "/verify-email");
      expect(second).not.toBe(first);
      expect(await verifyEmail(handle.db, first, meta())).toMatchObject({ ok: false });
      for (let i = 1; i < RATE_LIMITS.verificationMailPerUser.limit; i++)
        await resendVerification(handle.db, user, mail);
      const before = mailsTo(email).length;
      expect(await resendVerification(handle.db, user, mail)).toEqual({ ok: false, message: RESEND_LIMITED });
      expect(mailsTo(email)).toHaveLength(before);
    });
  });

  describe("finding 7: sign-up and password reset tell nobody whether an address has an account", () => {
    it("sign-up answers a known address exactly as a new one, and mails the known address's owner instead", async () => {
      const { users: u } = await seedOrg(handle.db, { owner: "admin" });
      const fresh = `fresh-${unique()}@partner.test`;
      const known = await signUp(handle.db, input(u.owner.email), meta(), mail);
      const unknown = await signUp(handle.db, input(fresh), meta(), mail);
      expect(known).toEqual({ ok: true, data: { email: u.owner.email } });
      expect(unknown).toEqual({ ok: true, data: { email: fresh } });
      expect(mailsTo(u.owner.email).at(-1)?.subject).toBe("Someone tried to create an account with your address");
      expect(mailsTo(fresh).at(-1)?.subject).toBe("Confirm your e-mail address");
      // The owner's account is untouched: same password, same sessions.
      expect(await userByEmail(u.owner.email)).toEqual(u.owner);
    });

    it("forgot-password answers an unknown address exactly as a known one, and mails only the known one", async () => {
      const { users: u } = await seedOrg(handle.db, { owner: "admin" });
      const nobody = `nobody-${unique()}@partner.test`;
      expect(await requestPasswordReset(handle.db, u.owner.email, meta(), mail)).toEqual({
        ok: true,
        data: { email: u.owner.email },
      });
      expect(await requestPasswordReset(handle.db, nobody, meta(), mail)).toEqual({
        ok: true,
        data: { email: nobody },
      });
      expect(mailsTo(u.owner.email).at(-1)?.subject).toBe("Reset your password");
      expect(mailsTo(nobody)).toEqual([]);
    });
  });

  describe("password reset", () => {
    it("sets the password once per link, within the hour, and ends every session of the account", async () => {
      const user = await seedUser(handle.db, "forgetful");
      const sessions = await Promise.all([0, 1].map(() => seedSession(handle.db, user)));
      await requestPasswordReset(handle.db, user.email, meta(), mail);
      const token = linkIn(mailsTo(user.email).at(-1), "/reset-password");
      const body = resetPasswordSchema.parse({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

      const late = new Date(Date.now() + 61 * 60_000);
      expect(await resetPassword(handle.db, token, body, meta(), late)).toMatchObject({
        ok: false,
        message: /expired/,
      });
      expect(await resetPassword(handle.db, token, body, meta())).toMatchObject({ ok: true });
      for (const s of sessions) expect(await loadSessionUser(handle.db, s)).toBeNull();
      const signIn = await checkCredentials(handle.db, {
        email: user.email,
        password: NEW_PASSWORD,
        ip: "192.0.2.201",
      });
      expect(signIn.ok).toBe(true);

      const other = resetPasswordSchema.parse({
        newPassword: "Yet-Another-Secret-99",
        confirmPassword: "Yet-Another-Secret-99",
      });
      expect(await resetPassword(handle.db, token, other, meta())).toMatchObject({
        ok: false,
        message: /already been used/,
      });
    });

    it("only the newest link works", async () => {
      const user = await seedUser(handle.db, "twice");
      await requestPasswordReset(handle.db, user.email, meta(), mail);
      const first = linkIn(mailsTo(user.email).at(-1), "/reset-password");
      await requestPasswordReset(handle.db, user.email, meta(), mail);
      const body = resetPasswordSchema.parse({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(await resetPassword(handle.db, first, body, meta())).toMatchObject({ ok: false });
    });
  });

  describe("atomic rate limits under parallel requests", () => {
    it("50 parallel hits against a limit of 5 let exactly 5 through", async () => {
      const rule = { bucket: `test:${unique()}`, limit: 5, windowMs: 60 * 60_000 };
      const results = await Promise.all(Array.from({ length: 50 }, () => hitRateLimit(handle.db, rule, "one-key")));
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
    });

    it("parallel sign-ups from one address are refused beyond the per-IP limit, with a wait", async () => {
      const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
      const attempts = await Promise.all(
        Array.from({ length: 16 }, () =>
          signUp(handle.db, input(`burst-${unique()}@partner.test`), { ip, userAgent: "vitest" }, mail),
        ),
      );
      expect(attempts.filter((a) => a.ok)).toHaveLength(RATE_LIMITS.signUpPerIp.limit);
      expect(attempts.find((a) => !a.ok)).toMatchObject({ ok: false, message: /try again in \d+ minutes?/ });
    });

    it("parallel password-reset requests for one address mail it at most 3 times", async () => {
      const user = await seedUser(handle.db, "flooded");
      await Promise.all(Array.from({ length: 12 }, () => requestPasswordReset(handle.db, user.email, meta(), mail)));
      expect(mailsTo(user.email)).toHaveLength(RATE_LIMITS.passwordResetPerEmail.limit);
    });

    it("parallel invitation acceptances from one IP are refused beyond the limit", async () => {
      const { org, users: u } = await seedOrg(handle.db, { admin: "admin" });
      const ip = `198.18.${Math.floor(Math.random() * 250)}.1`;
      const tokens = await Promise.all(
        Array.from({ length: RATE_LIMITS.invitationAcceptPerIp.limit + 5 }, async () => {
          const invitee = await seedUser(handle.db, "invitee");
          return { invitee, inv: await seedInvitation(handle.db, org.id, u.admin.id, invitee.email) };
        }),
      );
      const results = await Promise.all(
        tokens.map(({ invitee, inv }) => acceptInvitation(handle.db, inv.token, invitee, { ip, userAgent: "vitest" })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(RATE_LIMITS.invitationAcceptPerIp.limit);
    });
  });
});
