import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import type { User } from "@/db/schema";
import { orgActions, type OrgActionName } from "@/server/actions";
import type { z } from "zod";
import { executeOrgAction, type OrgActionDefinition } from "@/server/org-action";
import { accessMatrix, callers, type Caller } from "./access-matrix";
import { auditRows, contextFor, dumpTables, seedInvitation, seedOrg, seedUser } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";
import { seedDataWorld } from "./helpers/data-world";
import { seedScenario } from "./helpers/scenarios";

describe(`access matrix (${testDriver()})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("has a row for every organisation action, and each registered action carries its own name", () => {
    expect(Object.keys(accessMatrix).sort()).toEqual(Object.keys(orgActions).sort());
    for (const [name, def] of Object.entries(orgActions)) expect(def.name).toBe(name);
  });

  for (const name of Object.keys(accessMatrix) as OrgActionName[]) {
    for (const caller of callers) {
      const expected = accessMatrix[name].expect[caller];
      it(`${name} as ${caller} → ${expected}`, async () => {
        const db = handle.db;
        // A fresh organisation per case, so an allowed change never affects another case.
        const { org, users } = await seedOrg(db, {
          admin: "admin",
          admin2: "admin",
          analyst: "analyst",
          viewer: "viewer",
          target: "viewer",
        });
        const other = await seedOrg(db, { otherOrgAdmin: "admin" });
        const nonMember = (await seedOrg(db, { nonMember: "admin" })).users.nonMember;
        const actor: Record<Caller, User | null> = {
          anonymous: null,
          nonMember,
          viewer: users.viewer,
          analyst: users.analyst,
          admin: users.admin,
          otherOrgAdmin: other.users.otherOrgAdmin,
        };
        const data = await seedDataWorld(db, org.id, users.admin.id);
        const pendingInvitationId = (await seedInvitation(db, org.id, users.admin.id)).id;
        const scenarioId = (await seedScenario(db, org.id, users.admin.id)).id;
        const world = { org, target: users.target, otherOrg: other.org, data, pendingInvitationId, scenarioId };
        await accessMatrix[name].prepare?.(db, world);
        const input = accessMatrix[name].input(world);

        const before = await dumpTables(db);
        // The union of definitions is widened to one shape: the matrix row supplies this action's input.
        const def = orgActions[name] as OrgActionDefinition<z.ZodType, unknown>;
        const result = await executeOrgAction(def, contextFor(db, actor[caller]), org.slug, input);

        if (expected === "ok") {
          expect(result).toMatchObject({ ok: true });
          const audit = await auditRows(db, org.id);
          expect(audit.some((a) => a.action === name && a.actorUserId === actor[caller]!.id)).toBe(true);
        } else {
          expect(result).toMatchObject({ ok: false, error: expected });
          expect(await dumpTables(db)).toBe(before);
        }
      });
    }
  }

  it("an unknown organisation and a real one the caller is not in give the same answer", async () => {
    const db = handle.db;
    const outsider = await seedUser(db, "outsider");
    const { org } = await seedOrg(db, { admin: "admin" });
    const real = await executeOrgAction(orgActions["org.rename"], contextFor(db, outsider), org.slug, {
      name: "Mine now",
    });
    const unknown = await executeOrgAction(orgActions["org.rename"], contextFor(db, outsider), "no-such-org", {
      name: "Mine now",
    });
    expect(real).toEqual(unknown);
  });
});
