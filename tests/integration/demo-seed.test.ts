import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { memberships, imports, organizations, snapshots, users } from "@/db/schema";
import { DEMO_ORG, DEMO_USERS, seedDemo } from "@/server/demo-seed";
import { addMonths } from "@/lib/scoring";
import { expectedDataMonth } from "@/lib/data-cycle";
import { verifyPassword } from "@/server/passwords";
import { createTestDb, testDriver } from "./helpers/test-db";

/** What `npm run dev` seeds on a fresh database: the demo organisation, its three people and 24 months of data. */
describe(`demo data (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("seeds an admin, an analyst and a viewer who can sign in, and 24 months imported through the pipeline", async () => {
    const db = handle.db;
    const details = await seedDemo(db);
    expect(details.users.map((u) => u.role)).toEqual(["admin", "analyst", "viewer"]);

    const [org] = await db.select().from(organizations).where(eq(organizations.slug, DEMO_ORG.slug));
    const people = await db
      .select({ email: users.email, role: memberships.role, passwordHash: users.passwordHash })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, org!.id));
    expect(people.map((p) => [p.email, p.role]).sort()).toEqual(DEMO_USERS.map((u) => [u.email, u.role]).sort());
    expect(await verifyPassword(people[0]!.passwordHash!, details.password)).toBe(true);

    const done = await db.select().from(imports).where(eq(imports.organizationId, org!.id));
    expect(done.map((i) => [i.source, i.status]).sort()).toEqual([
      ["azure", "succeeded"],
      ["m365", "succeeded"],
    ]);
    const dataMonth = expectedDataMonth(new Date());
    const months = (
      await db
        .select({ month: snapshots.month })
        .from(snapshots)
        .where(and(eq(snapshots.organizationId, org!.id), eq(snapshots.latest, true)))
    )
      .map((s) => s.month)
      .sort();
    expect(months).toHaveLength(24);
    expect(months[0]).toBe(addMonths(dataMonth, -23));
    expect(months[23]).toBe(dataMonth);

    // A second start leaves the seeded organisation as it is.
    await seedDemo(db);
    expect(await db.select().from(imports).where(eq(imports.organizationId, org!.id))).toHaveLength(2);
  });
});
