/**
 * Notifications after each refresh (issue 15): one e-mail per opted-in member per refresh through a local SMTP
 * sink, none without SMTP_URL, retried when the SMTP server refuses; and the webhook, signed and retried, checked
 * by a local receiver.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import type { Db, DbHandle } from "@/db/client";
import { findSnapshot } from "./helpers/snapshots";
import { jobs, notificationDeliveries, refreshEvents, webhookDeliveries, type User } from "@/db/schema";
import { resetServerEnv } from "@/lib/env";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/webhooks/signature";
import { orgActions } from "@/server/actions";
import { jobHandlers } from "@/server/jobs/handlers";
import { drainJobs } from "@/server/jobs/queue";
import { queueRefreshNotifications } from "@/server/notifications/refresh-event";
import { executeOrgAction } from "@/server/org-action";
import { settle, uploadFile } from "./helpers/imports";
import { contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const HEADER = "CustomerTenantId,CustomerName,Month,ServiceName,AssociationType,ACR_USD\n";
const T1 = "00000000-0000-4000-8000-000000000001";
const T2 = "00000000-0000-4000-8000-000000000002";
const FILE = `${HEADER}${T1},Contoso,2026-09,Key Vault,PAL,700\n${T2},Fabrikam,2026-09,Key Vault,PAL,500\n`;

type Mail = { to: string[]; raw: string };

/** A local SMTP server that keeps messages; `refuse` answers the next n messages with a temporary error. */
async function smtpSink() {
  const mails: Mail[] = [];
  const state = { refuse: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        if (state.refuse > 0) {
          state.refuse--;
          return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        }
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/=\r?\n/g, "") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    mails,
    state,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Jobs waiting for their backoff run now (the test does not wait a real minute). */
const runRetriesNow = (db: Db) =>
  db
    .update(jobs)
    .set({ runAfter: new Date(0) })
    .where(eq(jobs.status, "pending"));

async function optIn(db: Db, slug: string, user: User, on = "true") {
  const res = await executeOrgAction(orgActions["notifications.setPreference"], contextFor(db, user), slug, {
    afterRefresh: on,
  });
  expect(res).toMatchObject({ ok: true });
}

describe(`notifications after each refresh (${testDriver()})`, () => {
  let h: DbHandle;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  beforeAll(async () => {
    h = await createTestDb();
    sink = await smtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await h.close();
  });
  afterEach(() => {
    delete process.env.SMTP_URL;
    delete process.env.WEBHOOK_ALLOW_LOOPBACK;
    delete process.env.AUTH_URL;
    resetServerEnv();
  });

  it("one e-mail per opted-in member with the refresh's numbers, and only one however often it is queued", async () => {
    process.env.SMTP_URL = sink.url;
    process.env.AUTH_URL = "https://pcp.example.com";
    resetServerEnv();
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin", analyst: "analyst", viewer: "viewer" });
    await optIn(db, org.slug, users.admin);
    await optIn(db, org.slug, users.viewer);
    await optIn(db, org.slug, users.analyst);
    await optIn(db, org.slug, users.analyst, "false");
    const before = sink.mails.length;

    const imp = await settle(
      db,
      await uploadFile(db, { organizationId: org.id, userId: users.analyst.id }, "azure", FILE, "2026-09"),
    );
    expect(imp!.status).toBe("succeeded");
    await settle(db);
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([users.admin.email, users.viewer.email].sort());

    const snapshot = await findSnapshot(db, org.id, "2026-09");
    const ent = snapshot!.result.tracks.enterprise;
    expect(ent.netCustomerAdds).toBe(1);
    const body = mails[0]!.raw;
    expect(body).toContain("Content-Type: text/plain");
    expect(body).toContain("Content-Type: text/html");
    expect(body).toContain(`Enterprise: ${ent.points} of 20 points (new), +1 net adds (new); 1 gained, 0 lost`);
    expect(body).toContain(`Nearest misses: 1`);
    expect(body).toContain(`https://pcp.example.com/o/${org.slug}/snapshots/2026-09`);

    // Another instance (or a retried job) seeing the same recompute makes no second event and no second e-mail.
    expect(await queueRefreshNotifications(db, org.id, ["2026-09"])).toBeNull();
    await settle(db);
    expect(sink.mails.length - before).toBe(2);
    const deliveries = await db.select().from(notificationDeliveries);
    const [event] = await db.select().from(refreshEvents).where(eq(refreshEvents.organizationId, org.id));
    expect(deliveries.filter((d) => d.eventId === event!.id).map((d) => d.status)).toEqual(["sent", "sent"]);
  });

  it("sends nothing when SMTP_URL is not set", async () => {
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin" });
    await optIn(db, org.slug, users.admin);
    const before = sink.mails.length;
    await settle(
      db,
      await uploadFile(db, { organizationId: org.id, userId: users.admin.id }, "azure", FILE, "2026-09"),
    );
    await settle(db);
    expect(sink.mails.length).toBe(before);
    const [event] = await db.select().from(refreshEvents).where(eq(refreshEvents.organizationId, org.id));
    expect(event).toBeDefined();
    const deliveries = await db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.eventId, event!.id));
    expect(deliveries).toEqual([]);
  });

  it("tries again when the SMTP server refuses, and sends once it accepts", async () => {
    process.env.SMTP_URL = sink.url;
    resetServerEnv();
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin" });
    await optIn(db, org.slug, users.admin);
    const before = sink.mails.length;
    sink.state.refuse = 2;
    await settle(
      db,
      await uploadFile(db, { organizationId: org.id, userId: users.admin.id }, "azure", FILE, "2026-09"),
    );
    await settle(db);
    const [event] = await db.select().from(refreshEvents).where(eq(refreshEvents.organizationId, org.id));
    const delivery = async () =>
      (await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.eventId, event!.id)))[0]!;
    expect(await delivery()).toMatchObject({ status: "pending", attempts: 1 });
    expect((await delivery()).lastError).toMatch(/Try again later/);
    await runRetriesNow(db);
    await drainJobs(db, jobHandlers);
    expect(await delivery()).toMatchObject({ status: "pending", attempts: 2 });
    await runRetriesNow(db);
    await drainJobs(db, jobHandlers);
    expect(await delivery()).toMatchObject({ status: "sent", attempts: 3 });
    expect(sink.mails.slice(before).map((m) => m.to[0])).toEqual([users.admin.email]);
  });

  it("the webhook gets the refresh event signed, retried after a failure; link-local URLs are refused", async () => {
    process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
    resetServerEnv();
    const db = h.db;
    const { org, users } = await seedOrg(db, { admin: "admin" });
    const received: { verified: boolean; body: Record<string, unknown> }[] = [];
    let secret = "";
    let failNext = 1;
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (body += c));
      req.on("end", () => {
        const verified = verifySignature(req.headers[SIGNATURE_HEADER.toLowerCase()] as string, secret, body);
        received.push({ verified, body: JSON.parse(body) as Record<string, unknown> });
        res.statusCode = failNext-- > 0 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const admin = contextFor(db, users.admin);
      const refused = await executeOrgAction(orgActions["webhook.save"], admin, org.slug, {
        url: "http://169.254.169.254/latest/meta-data",
      });
      expect(refused).toMatchObject({ ok: false, error: "invalid_input" });
      expect(JSON.stringify(refused)).toMatch(/link-local/);

      const saved = await executeOrgAction(orgActions["webhook.save"], admin, org.slug, { url });
      expect(saved.ok).toBe(true);
      if (!saved.ok) return;
      secret = (saved.data as { secret: string }).secret;
      expect(secret).toMatch(/^whsec_/);

      await settle(
        db,
        await uploadFile(db, { organizationId: org.id, userId: users.admin.id }, "azure", FILE, "2026-09"),
      );
      await settle(db);
      expect(received).toHaveLength(1);
      await runRetriesNow(db);
      await drainJobs(db, jobHandlers);
      expect(received).toHaveLength(2);
      expect(received.every((r) => r.verified)).toBe(true);
      expect(received[1]!.body).toMatchObject({ type: "refresh.completed", data: { month: "2026-09" } });
      const [log] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.organizationId, org.id));
      expect(log).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 204 });

      // A test event, signed the same way; a wrong secret would not verify.
      const test = await executeOrgAction(orgActions["webhook.test"], admin, org.slug, {});
      expect(test.ok).toBe(true);
      await drainJobs(db, jobHandlers);
      expect(received[2]!.body).toMatchObject({ type: "test" });
      expect(received[2]!.verified).toBe(true);
      secret = "whsec_wrong";
      await executeOrgAction(orgActions["webhook.test"], admin, org.slug, {});
      await drainJobs(db, jobHandlers);
      expect(received[3]!.verified).toBe(false);
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });
});
