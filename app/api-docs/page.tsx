import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { openApiDocument } from "@/lib/api/openapi";
import { PROBLEM_TYPES, type ProblemType } from "@/lib/api/problem";
import { apiOperations } from "@/server/api/operations";
import { API_VERSION } from "@/server/api/version";

export const metadata: Metadata = { title: "API reference" };

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Json };
type Operation = {
  operationId: string;
  summary: string;
  description: string;
  parameters: Parameter[];
  responses: Record<string, Json>;
};

const PROBLEM_MEANINGS: Record<ProblemType, string> = {
  unauthenticated: "No token, or a token that is unknown, revoked or expired.",
  forbidden: "The token's role does not allow this (e.g. a viewer token uploading).",
  not_found: "No such thing in this organisation, or the token belongs to another organisation.",
  method_not_allowed: "The address exists, but not with this method.",
  conflict: "The request conflicts with the current state (e.g. an upload not complete yet).",
  invalid_request: "A parameter is missing or wrong; `errors` says which.",
  too_large: "The file is larger than the import limit.",
  rate_limited: "Too many requests with this token (or with bad tokens from this address): wait Retry-After seconds.",
};

/** A short, readable type of a JSON schema: "string (YYYY-MM)", "integer 1–500", "one of: a, b", "Snapshot". */
function typeText(schema: Json): string {
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(", ")}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type ?? "any");
  const range =
    typeof schema.minimum === "number" && typeof schema.maximum === "number" && schema.maximum < 1e9
      ? ` ${schema.minimum}–${schema.maximum}`
      : "";
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  const dflt = schema.default !== undefined && schema.default !== "" ? `, default ${String(schema.default)}` : "";
  return `${type}${range}${format}${dflt}`;
}

/**
 * The API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json serves (no
 * script of another site: the page's CSP allows only the portal's own, nonce-bearing scripts).
 */
export default function ApiDocsPage() {
  const doc = openApiDocument(apiOperations, { version: API_VERSION }) as {
    info: { description: string };
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Json> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <main id="main-content" className="mx-auto grid max-w-5xl gap-6 p-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Partner Capability Portal API v{API_VERSION}</h1>
        <p className="text-sm whitespace-pre-line text-muted-foreground">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable:{" "}
          <Link className="underline underline-offset-4" href="/api/v1/openapi.json" prefetch={false}>
            /api/v1/openapi.json
          </Link>{" "}
          (OpenAPI 3.1).
        </p>
      </div>
      <section className="grid gap-4" aria-labelledby="operations">
        <h2 id="operations" className="text-xl font-semibold">
          Operations
        </h2>
        {operations.map(({ path, method, op }) => (
          <Card key={`${method} ${path}`} id={op.operationId} data-testid="api-operation">
            <CardHeader>
              <CardTitle className="flex flex-wrap items-center gap-2 font-mono text-sm break-all">
                <Badge>{method}</Badge> {path}
              </CardTitle>
              <CardDescription>
                <strong>{op.summary}.</strong> <span className="whitespace-pre-line">{op.description}</span>
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <div>
                <h3 className="font-medium">Parameters</h3>
                <ul className="list-disc pl-5">
                  {op.parameters.map((p) => (
                    <li key={`${p.in}-${p.name}`}>
                      <code>{p.name}</code> ({p.in}
                      {p.required ? ", required" : ""}): {typeText(p.schema)}
                      {p.description ? ` — ${p.description}` : ""}
                    </li>
                  ))}
                </ul>
              </div>
              <div>
                <h3 className="font-medium">Responses</h3>
                <ul className="list-disc pl-5">
                  {Object.entries(op.responses).map(([status, response]) => {
                    const schema = (response.content as Record<string, { schema: Json }> | undefined)?.[
                      "application/json"
                    ]?.schema;
                    return (
                      <li key={status}>
                        <code>{status}</code>{" "}
                        {schema ? (
                          typeText(schema) === "object" ? (
                            "JSON object"
                          ) : (
                            <a className="underline underline-offset-4" href={`#schema-${typeText(schema)}`}>
                              {typeText(schema)}
                            </a>
                          )
                        ) : (
                          <a className="underline underline-offset-4" href="#problems">
                            problem details
                          </a>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            </CardContent>
          </Card>
        ))}
      </section>
      <section className="grid gap-3" aria-labelledby="problems">
        <h2 id="problems" className="text-xl font-semibold">
          Problem types
        </h2>
        <p className="text-sm text-muted-foreground">
          Every error is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>,{" "}
          <code>status</code> and <code>detail</code>.
        </p>
        <ul className="grid gap-1 text-sm">
          {(Object.keys(PROBLEM_TYPES) as ProblemType[]).map((type) => (
            <li key={type} id={`problem-${type}`}>
              <code>{PROBLEM_TYPES[type].status}</code> <strong>{PROBLEM_TYPES[type].title}</strong> (
              <code>/api-docs#problem-{type}</code>): {PROBLEM_MEANINGS[type]}
            </li>
          ))}
        </ul>
      </section>
      <section className="grid gap-3" aria-labelledby="schemas">
        <h2 id="schemas" className="text-xl font-semibold">
          Schemas
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <Card key={name} id={`schema-${name}`}>
            <CardHeader>
              <CardTitle className="font-mono text-sm">{name}</CardTitle>
              {typeof schema.description === "string" ? <CardDescription>{schema.description}</CardDescription> : null}
            </CardHeader>
            <CardContent className="text-sm">
              {schema.properties ? (
                <ul className="list-disc pl-5">
                  {Object.entries(schema.properties as Record<string, Json>).map(([field, fieldSchema]) => (
                    <li key={field}>
                      <code>{field}</code>: {typeText(fieldSchema)}
                      {typeof fieldSchema.description === "string" ? ` — ${fieldSchema.description}` : ""}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{typeText(schema)}</p>
              )}
            </CardContent>
          </Card>
        ))}
      </section>
    </main>
  );
}
