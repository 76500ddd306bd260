import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { eq } from "drizzle-orm";
import { pruneSignInAttempts } from "@/db/queries/sign-in-attempts";
import { signInAttempts } from "@/db/schema";
import {
  checkCredentials,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  rateLimitMessage,
  SIGN_IN_ATTEMPT_RETENTION_MS,
  SIGN_IN_WINDOW_MS,
} from "@/server/credentials";
import { seedUser, TEST_PASSWORD, unique } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const ip = () => `192.0.2.${Math.floor(Math.random() * 250)}-${unique()}`;

describe(`password sign-in (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("accepts the right password, with the address in any case", async () => {
    const user = await seedUser(handle.db, "signin");
    const res = await checkCredentials(handle.db, {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: ip(),
    });
    expect(res).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses a wrong password and an unknown address with the same answer", async () => {
    const user = await seedUser(handle.db, "signin");
    const wrong = await checkCredentials(handle.db, { email: user.email, password: "wrong-password", ip: ip() });
    const unknown = await checkCredentials(handle.db, {
      email: `nobody-${unique()}@example.test`,
      password: TEST_PASSWORD,
      ip: ip(),
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it(`pauses an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even for the right password, from any address`, async () => {
    const user = await seedUser(handle.db, "limited");
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(
        await checkCredentials(handle.db, { email: user.email, password: `wrong-${i}`, ip: ip() }, now),
      ).toMatchObject({ reason: "invalid" });
    }
    const res = await checkCredentials(handle.db, { email: user.email, password: TEST_PASSWORD, ip: ip() }, now);
    expect(res).toMatchObject({ ok: false, reason: "rate_limited" });
    if (res.ok || res.reason !== "rate_limited") throw new Error("not limited");
    expect(res.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(rateLimitMessage(res.retryAfterSeconds)).toMatch(/try again in 15 minutes/);
  });

  it("lets the account in again once the window has passed", async () => {
    const user = await seedUser(handle.db, "recovers");
    const start = new Date(Date.now() - SIGN_IN_WINDOW_MS - 60_000);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await checkCredentials(handle.db, { email: user.email, password: "wrong", ip: ip() }, start);
    }
    expect(await checkCredentials(handle.db, { email: user.email, password: TEST_PASSWORD, ip: ip() })).toMatchObject({
      ok: true,
    });
  });

  it(`pauses an IP address after ${MAX_FAILURES_PER_IP} failures across accounts`, async () => {
    const address = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await checkCredentials(handle.db, {
        email: `spray-${i}-${unique()}@example.test`,
        password: "Summer2025!",
        ip: address,
      });
    }
    const victim = await seedUser(handle.db, "victim");
    expect(
      await checkCredentials(handle.db, { email: victim.email, password: TEST_PASSWORD, ip: address }),
    ).toMatchObject({ reason: "rate_limited" });
    // The same account from another address is unaffected.
    expect(await checkCredentials(handle.db, { email: victim.email, password: TEST_PASSWORD, ip: ip() })).toMatchObject(
      { ok: true },
    );
  });

  it("50 simultaneous attempts on one account get exactly the allowed number of password checks (issue 12, finding 2)", async () => {
    const user = await seedUser(handle.db, "burst");
    const attempts = Array.from({ length: 50 }, (_, i) => (i === 49 ? TEST_PASSWORD : `wrong-${i}`));
    const results = await Promise.all(
      attempts.map((password) => checkCredentials(handle.db, { email: user.email, password, ip: ip() })),
    );
    const checked = results.filter((r) => r.ok || r.reason !== "rate_limited");
    expect(checked).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(50 - MAX_FAILURES_PER_ACCOUNT);
    const rows = await handle.db.select().from(signInAttempts).where(eq(signInAttempts.email, user.email));
    expect(rows).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
  });

  it("simultaneous attempts from one address across accounts get exactly the per-address allowance", async () => {
    const address = ip();
    const results = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_IP + 10 }, (_, i) =>
        checkCredentials(handle.db, { email: `burst-${i}-${unique()}@example.test`, password: "x", ip: address }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILURES_PER_IP);
  });

  it("a successful sign-in does not count as a failure", async () => {
    const user = await seedUser(handle.db, "good");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT + 2; i++) {
      expect(await checkCredentials(handle.db, { email: user.email, password: TEST_PASSWORD, ip: ip() })).toMatchObject(
        { ok: true },
      );
    }
  });

  it("prunes attempts older than the retention period and keeps what rate limiting still reads", async () => {
    const user = await seedUser(handle.db, "pruned");
    const now = new Date();
    const old = new Date(now.getTime() - SIGN_IN_ATTEMPT_RETENTION_MS - 24 * 60 * 60_000);
    await checkCredentials(handle.db, { email: user.email, password: "wrong-long-ago", ip: ip() }, old);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await checkCredentials(handle.db, { email: user.email, password: `wrong-${i}`, ip: ip() }, now);
    }
    expect(
      await pruneSignInAttempts(handle.db, new Date(now.getTime() - SIGN_IN_ATTEMPT_RETENTION_MS)),
    ).toBeGreaterThanOrEqual(1);
    const left = await handle.db
      .select({ at: signInAttempts.createdAt })
      .from(signInAttempts)
      .where(eq(signInAttempts.email, user.email));
    expect(left).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(
      await checkCredentials(handle.db, { email: user.email, password: TEST_PASSWORD, ip: ip() }, now),
    ).toMatchObject({ reason: "rate_limited" });
  });
});
