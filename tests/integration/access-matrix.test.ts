import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import type { User } from "@/db/schema";
import { orgActions, type OrgActionName } from "@/server/actions";
import type { z } from "zod";
import { executeOrgAction, type OrgActionDefinition } from "@/server/org-action";
import { accessMatrix, apiAccessMatrix, callers, tokenExpectations, type Caller } from "./access-matrix";
import { seedApiToken, seedTokenCallers, tokenCallers, type TokenCaller } from "./helpers/api-tokens";
import { apiOperations } from "@/server/api/operations";
import { handleApiRequest } from "@/server/api/dispatch";
import { apiTokenActorLabel } from "@/server/org-action";
import type { DataWorld } from "./helpers/data-world";
import { auditRows, contextFor, dumpTables, seedInvitation, seedOrg, seedUser } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";
import { seedDataWorld } from "./helpers/data-world";
import { seedScenario } from "./helpers/scenarios";

const unusedDataWorld = (): DataWorld => ({
  awaitingImportId: crypto.randomUUID(),
  invalidImportId: crypto.randomUUID(),
  replacingImportId: crypto.randomUUID(),
  earlierRevisionId: crypto.randomUUID(),
  uploadId: crypto.randomUUID(),
  needsMappingImportId: crypto.randomUUID(),
  columnMappingId: crypto.randomUUID(),
});

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
    const tokenExpect = tokenExpectations(accessMatrix[name]);
    for (const caller of [...callers, ...tokenCallers]) {
      const expected =
        caller in tokenExpect ? tokenExpect[caller as TokenCaller] : accessMatrix[name].expect[caller as Caller];
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
        // A token refused before the handler runs never reads the data: ids that match nothing keep these cases
        // cheap, and a refusal that wrongly reached the handler would still fail the "nothing changed" check.
        const refusedToken =
          (tokenCallers as readonly string[]).includes(caller) && expected !== "ok" && !accessMatrix[name].prepare;
        const data = refusedToken ? unusedDataWorld() : await seedDataWorld(db, org.id, users.admin.id);
        const pendingInvitationId = (await seedInvitation(db, org.id, users.admin.id)).id;
        const scenarioId = (await seedScenario(db, org.id, users.admin.id)).id;
        const apiTokenId = (await seedApiToken(db, org.id, "viewer")).row.id;
        const world = {
          org,
          target: users.target,
          otherOrg: other.org,
          data,
          pendingInvitationId,
          scenarioId,
          apiTokenId,
        };
        await accessMatrix[name].prepare?.(db, world);
        const input = accessMatrix[name].input(world);
        const tokens = await seedTokenCallers(db, org.id, other.org.id);
        const token = caller in tokens ? tokens[caller as TokenCaller].row : null;
        const ctx = token
          ? { ...contextFor(db, null), token: { id: token.id, name: token.name, hint: token.hint } }
          : contextFor(db, actor[caller as Caller]);

        const before = await dumpTables(db);
        // The union of definitions is widened to one shape: the matrix row supplies this action's input.
        const def = orgActions[name] as OrgActionDefinition<z.ZodType, unknown>;
        const result = await executeOrgAction(def, ctx, org.slug, input);

        if (expected === "ok") {
          expect(result).toMatchObject({ ok: true });
          const audit = await auditRows(db, org.id);
          expect(
            audit.some((a) =>
              token
                ? a.action === name && a.actorUserId === null && a.actorEmail === apiTokenActorLabel(token)
                : a.action === name && a.actorUserId === actor[caller as Caller]!.id,
            ),
          ).toBe(true);
        } else {
          expect(result).toMatchObject({ ok: false, error: expected });
          expect(await dumpTables(db)).toBe(before);
        }
      });
    }
  }

  describe("REST API v1 × token callers", () => {
    let slug: string;
    let orgId: string;
    let data: DataWorld;
    let tokens: Awaited<ReturnType<typeof seedTokenCallers>>;
    beforeAll(async () => {
      // Reads only: one organisation with data serves every case.
      const { org, users } = await seedOrg(handle.db, { admin: "admin" });
      const other = await seedOrg(handle.db, { otherAdmin: "admin" });
      data = await seedDataWorld(handle.db, org.id, users.admin.id);
      tokens = await seedTokenCallers(handle.db, org.id, other.org.id);
      slug = org.slug;
      orgId = org.id;
    });

    it("has a row for every operation", () => {
      expect(Object.keys(apiAccessMatrix).sort()).toEqual(apiOperations.map((op) => op.operationId).sort());
    });

    for (const op of apiOperations) {
      const row = apiAccessMatrix[op.operationId];
      const cases: [string, number][] = [
        ["noToken", 401],
        ["revokedToken", 401],
        ["expiredToken", 401],
        ["viewerToken", row?.expect.viewerToken ?? 0],
        ["analystToken", row?.expect.analystToken ?? 0],
        ["otherOrgToken", 404],
      ];
      for (const [caller, status] of cases) {
        it(`${op.method} ${op.path} as ${caller} → ${status}`, async () => {
          const db = handle.db;
          const headers = new Headers();
          const token = caller === "noToken" ? null : tokens[caller as TokenCaller];
          if (token) headers.set("authorization", `Bearer ${token.secret}`);
          const auditBefore = (await auditRows(db, orgId)).length;
          const url = `http://localhost/api/v1${row!.path({ slug, data })}`;
          const json = row!.body?.({ slug, data });
          if (json !== undefined) headers.set("content-type", "application/json");
          const body = json === undefined ? undefined : JSON.stringify(json);
          const res = await handleApiRequest(
            apiOperations,
            db,
            new Request(url, { method: op.method, headers, body }),
            {
              ip: "203.0.113.7",
              userAgent: "vitest",
            },
          );
          expect(res.status).toBe(status);
          if (status >= 400) {
            expect(res.headers.get("content-type")).toBe("application/problem+json");
            expect(await res.json()).toMatchObject({ status });
            expect((await auditRows(db, orgId)).length).toBe(auditBefore);
          } else {
            expect(res.headers.get("content-type")).toBe("application/json");
            const audit = await auditRows(db, orgId);
            expect(
              audit.some(
                (a) => a.action === `api.${op.operationId}` && a.actorEmail === apiTokenActorLabel(token!.row),
              ),
            ).toBe(true);
          }
        });
      }
    }
  });

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
