/**
 * Writes the OpenAPI 3.1 document of the REST API v1 from the operations' own zod schemas (zod 4's
 * `z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Nothing here is written by hand per
 * endpoint: a new operation appears in the document by being registered (server/api/operations/index.ts).
 */
import { z } from "zod";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from "./problem";
import { apiRegistry, REQUEST_BODIES } from "./schemas";

export type DocumentedOperation = {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  tag: string;
  permission: string;
  params: z.ZodObject;
  query: z.ZodObject | null;
  body: z.ZodType | null;
  response: z.ZodType;
  status: number;
  problems: number[];
};

type JsonSchema = Record<string, unknown>;
const REF = (id: string) => `#/components/schemas/${id}`;

/** A schema as the document holds it: named components by reference, no per-schema `$schema`/`$id`. */
function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const id = apiRegistry.get(schema)?.id;
  if (id) return { $ref: REF(id) };
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    metadata: apiRegistry,
    io,
    uri: REF,
    unrepresentable: "any",
    // Named schemas nested in this one become references to the components, not inline copies.
    external: { registry: apiRegistry, uri: REF, defs: {} },
  } as Parameters<typeof z.toJSONSchema>[1]) as JsonSchema;
  return clean(json);
}

function clean(json: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = json;
  void _s;
  void _i;
  return rest;
}

function componentSchemas(): Record<string, JsonSchema> {
  type All = { schemas: Record<string, JsonSchema> };
  // Transforms in a request body (a tenant id lower-cased) have no output shape: "any" there, and the body's
  // component is taken from the input pass anyway.
  const options = { target: "draft-2020-12", uri: REF, unrepresentable: "any" } as const;
  const output = z.toJSONSchema(apiRegistry, { ...options, io: "output" }) as All;
  const input = z.toJSONSchema(apiRegistry, { ...options, io: "input" }) as All;
  return Object.fromEntries(
    Object.keys(output.schemas).map((id) => [
      id,
      clean((REQUEST_BODIES.has(id) ? input.schemas[id] : output.schemas[id])!),
    ]),
  );
}

function parametersOf(op: DocumentedOperation): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

const problemRef = { $ref: "#/components/responses/Problem" };

export function openApiDocument(ops: readonly DocumentedOperation[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of ops) {
    const responses: Record<string, JsonSchema> = {
      [String(op.status)]: {
        description: op.summary,
        content: { "application/json": { schema: schemaOf(op.response, "output") } },
      },
    };
    for (const status of [400, 401, 403, 404, 429, ...op.problems].sort()) responses[String(status)] = problemRef;
    (paths[`/api/v1${op.path}`] ??= {})[op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      description: `${op.description}\n\nPermission: \`${op.permission}\`.`,
      tags: [op.tag],
      parameters: parametersOf(op),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(op.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner Capability Portal API",
      version: info.version,
      description:
        "Read an organisation's snapshots, tenants, trends, insights and imports, and upload files. " +
        "Authenticate with an organisation API token (`Authorization: Bearer pcp_…`), created by an admin on " +
        "the organisation's API tokens page. A token acts with its role (viewer or analyst) in its own " +
        "organisation only. Errors are problem details (RFC 9457). Lists page with opaque cursors: follow " +
        "`nextCursor` or the `Link` header. Money is a decimal string of US dollars; months are YYYY-MM.\n\n" +
        "Uploads use the tus 1.0 resumable upload protocol on the same routes as the Imports page: " +
        "`POST /o/{slug}/imports/upload` (headers `Tus-Resumable: 1.0.0`, `Upload-Length`, `Upload-Metadata` " +
        "with `filename`, `source` = azure|m365 and optional `dataMonth`), then `PATCH` the bytes to the " +
        "`Location` it answers. The last PATCH names the import in `Pcp-Import-Id`; read it with " +
        "`GET /api/v1/orgs/{slug}/imports/{importId}`. An analyst token is needed.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [...new Set(ops.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An organisation API token, pcp_…" },
      },
      responses: {
        Problem: {
          description: "A problem (RFC 9457): the status, a title per type, and what happened.",
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: REF("Problem") } } },
        },
      },
      schemas: {
        ...componentSchemas(),
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string", description: "A URI reference naming the kind of problem." },
            title: { type: "string" },
            status: { type: "integer", enum: [...new Set(Object.values(PROBLEM_TYPES).map((p) => p.status))] },
            detail: { type: "string" },
            instance: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                required: ["name", "in", "message"],
                properties: {
                  name: { type: "string" },
                  in: { type: "string", enum: ["path", "query", "body"] },
                  message: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
  };
}
