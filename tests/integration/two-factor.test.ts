import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { findTwoFactor } from "@/db/queries/two-factor";
import { loadLiveSession } from "@/db/queries/user-sessions";
import { twoFactorRecoveryCodes, type User } from "@/db/schema";
import { orgActions } from "@/server/actions";
import { MAX_FAILURES_PER_ACCOUNT } from "@/server/credentials";
import { executeOrgAction } from "@/server/org-action";
import { loadSessionUser } from "@/server/session-user";
import {
  completeSignInWithCode,
  confirmEnrolment,
  pendingEnrolment,
  proveSecondFactor,
  startEnrolment,
} from "@/server/two-factor";
import { decryptTotpSecret } from "@/server/two-factor-secret";
import { contextFor, seedOrg, seedSession, seedUser } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${Math.random().toString(36).slice(2)}`;
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

describe(`two-factor authentication (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  /** Enrols the user as the account page does; returns the secret (as the app would hold it) and the recovery codes. */
  async function enrol(user: User, at = new Date(Date.now() - 120_000)) {
    expect(await startEnrolment(handle.db, user)).toBe(true);
    const shown = await pendingEnrolment(handle.db, user);
    expect(shown).not.toBeNull();
    const confirmed = await confirmEnrolment(
      handle.db,
      { user, code: await codeAt(shown!.secret, at), ip: ip(), sessionId: null },
      at,
    );
    if (!confirmed.ok) throw new Error(confirmed.message);
    return { secret: shown!.secret, recoveryCodes: confirmed.recoveryCodes };
  }

  it("enrols with the first code, stores the secret encrypted and never shows it again", async () => {
    const user = await seedUser(handle.db, "enrol");
    const { secret, recoveryCodes } = await enrol(user);
    expect(recoveryCodes).toHaveLength(10);
    const row = await findTwoFactor(handle.db, user.id);
    expect(row!.confirmedAt).not.toBeNull();
    expect(row!.secretCiphertext).not.toContain(secret);
    expect(decryptTotpSecret(row!.secretCiphertext)).toBe(secret);
    expect(decryptTotpSecret(row!.secretCiphertext, "another-secret-another-secret-another")).toBeNull();
    expect(await pendingEnrolment(handle.db, user)).toBeNull();
    expect(await startEnrolment(handle.db, user)).toBe(false); // a confirmed authenticator is not replaced
    const codes = await handle.db
      .select()
      .from(twoFactorRecoveryCodes)
      .where(eq(twoFactorRecoveryCodes.userId, user.id));
    expect(codes.map((c) => c.codeHash).join()).not.toContain(recoveryCodes[0]!.replace(/-/g, ""));
  });

  it("refuses a wrong first code", async () => {
    const user = await seedUser(handle.db, "wrong-first");
    await startEnrolment(handle.db, user);
    const res = await confirmEnrolment(handle.db, { user, code: "000000", ip: ip(), sessionId: null });
    expect(res.ok).toBe(false);
    expect((await findTwoFactor(handle.db, user.id))!.confirmedAt).toBeNull();
  });

  it("a password session awaits the code; the right code signs in, and the same code cannot be used again", async () => {
    const user = await seedUser(handle.db, "signin");
    const { secret } = await enrol(user);
    const claims = await seedSession(handle.db, user, { awaitingSecondFactor: true });
    const pending = (await loadLiveSession(handle.db, claims))!;
    expect(await loadSessionUser(handle.db, claims)).toBeNull();

    const now = new Date();
    const code = await codeAt(secret, now);
    const ok = await completeSignInWithCode(handle.db, { user, session: pending.session, code, ip: ip() }, now);
    expect(ok).toEqual({ ok: true, factor: "totp" });
    expect(await loadSessionUser(handle.db, claims)).toMatchObject({ id: user.id });

    // Replay: someone who saw the code tries it in another pending session.
    const other = await seedSession(handle.db, user, { awaitingSecondFactor: true });
    const replay = await completeSignInWithCode(
      handle.db,
      { user, session: (await loadLiveSession(handle.db, other))!.session, code, ip: ip() },
      now,
    );
    expect(replay).toEqual({ ok: false, reason: "invalid" });
    expect(await loadSessionUser(handle.db, other)).toBeNull();
  });

  it("a recovery code works once", async () => {
    const user = await seedUser(handle.db, "recovery");
    const { recoveryCodes } = await enrol(user);
    const first = await seedSession(handle.db, user, { awaitingSecondFactor: true });
    const used = await completeSignInWithCode(handle.db, {
      user,
      session: (await loadLiveSession(handle.db, first))!.session,
      code: recoveryCodes[3]!.toUpperCase(),
      ip: ip(),
    });
    expect(used).toEqual({ ok: true, factor: "recovery_code" });
    expect(await loadSessionUser(handle.db, first)).not.toBeNull();

    const second = await seedSession(handle.db, user, { awaitingSecondFactor: true });
    const again = await completeSignInWithCode(handle.db, {
      user,
      session: (await loadLiveSession(handle.db, second))!.session,
      code: recoveryCodes[3]!,
      ip: ip(),
    });
    expect(again).toEqual({ ok: false, reason: "invalid" });
    expect(await loadSessionUser(handle.db, second)).toBeNull();
  });

  it("guessing codes is limited like passwords, also in parallel", async () => {
    const user = await seedUser(handle.db, "guess");
    const { secret } = await enrol(user);
    const claims = await seedSession(handle.db, user, { awaitingSecondFactor: true });
    const session = (await loadLiveSession(handle.db, claims))!.session;
    const guesses = Array.from({ length: 30 }, (_, i) => String(100000 + i * 7919).slice(0, 6));
    const results = await Promise.all(
      guesses.map((code) => completeSignInWithCode(handle.db, { user, session, code, ip: ip() })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    // Even the right code now waits for the window to pass.
    const right = await completeSignInWithCode(handle.db, {
      user,
      session,
      code: await codeAt(secret, new Date()),
      ip: ip(),
    });
    expect(right).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await proveSecondFactor(handle.db, { user, code: "123456", ip: ip() })).toMatchObject({
      reason: "rate_limited",
    });
  });

  it("an organisation that requires two-factor refuses a password session without it, until it shows one", async () => {
    const { org, users: u } = await seedOrg(handle.db, { admin: "admin", viewer: "viewer" });
    const admin = contextFor(handle.db, u.admin);
    expect((await executeOrgAction(orgActions["org.requireTwoFactor"], admin, org.slug, { required: "true" })).ok).toBe(
      true,
    );
    // Now the admin's own password session (no second factor) is refused too.
    expect(await executeOrgAction(orgActions["org.rename"], admin, org.slug, { name: "Nope" })).toMatchObject({
      ok: false,
      error: "forbidden",
      message: expect.stringContaining("requires two-factor"),
    });
    // Microsoft sign-in counts as satisfied.
    const microsoft = { ...admin, session: await seedSession(handle.db, u.admin, { method: "microsoft" }) };
    expect((await executeOrgAction(orgActions["org.rename"], microsoft, org.slug, { name: "Via Entra" })).ok).toBe(
      true,
    );
    // Enrolling in this session satisfies it.
    const viewerSession = await seedSession(handle.db, u.viewer);
    const viewer = { ...contextFor(handle.db, u.viewer), session: viewerSession };
    const exportTrends = () => executeOrgAction(orgActions["trends.export"], viewer, org.slug, {});
    expect(await exportTrends()).toMatchObject({ ok: false, error: "forbidden" });
    await startEnrolment(handle.db, u.viewer);
    const shown = (await pendingEnrolment(handle.db, u.viewer))!;
    const confirmed = await confirmEnrolment(handle.db, {
      user: u.viewer,
      code: await codeAt(shown.secret, new Date()),
      ip: ip(),
      sessionId: viewerSession.sessionId,
    });
    expect(confirmed.ok).toBe(true);
    expect((await exportTrends()).ok).toBe(true);
  });
});
