import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { imports } from "./imports";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * An organisation's Partner Center connection (issue 15): the Entra app the portal signs in as, with its client
 * secret encrypted (AES-256-GCM, lib/crypto/secret-box.ts) under the key named by `secretKeyId`. The secret is
 * never read back to a page: forms only learn that one is stored.
 */
export const partnerCenterConnections = pgTable("partner_center_connections", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  tenantId: text("tenant_id").notNull(),
  clientId: text("client_id").notNull(),
  secretCiphertext: text("secret_ciphertext").notNull(),
  secretKeyId: text("secret_key_id").notNull(),
  /** What a connector import does when its months already have data: wait for a person, or replace them. */
  replaceMode: text("replace_mode").$type<"ask" | "replace">().notNull().default("ask"),
  /** The organisation's own report query texts; null means the documented default. */
  azureQuery: text("azure_query"),
  m365Query: text("m365_query"),
  /** Report queries the portal created in Partner Center, by source, reused while their text is unchanged. */
  queryIds: jsonb("query_ids").$type<Partial<Record<"azure" | "m365", { name: string; queryId: string }>>>(),
  lastTestAt: timestamp("last_test_at", { withTimezone: true }),
  lastTestOk: boolean("last_test_ok"),
  lastTestMessage: text("last_test_message"),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type ConnectorRunState =
  "queued" | "waiting" | "importing" | "succeeded" | "awaiting_confirmation" | "invalid" | "failed";

/** Per source: the report made for this run, its execution, and the file and import it became. */
export type ConnectorRunReport = {
  queryId: string;
  reportId: string;
  executionId?: string;
  uploadId?: string;
  importId?: string;
  bytes?: number;
  fileName?: string;
};

/**
 * One refresh from Partner Center ("Refresh now", or the monthly run after the 20th). It moves queued →
 * waiting (reports requested, executions polled by a job that re-queues itself) → importing (files stored as
 * uploads and imported by the same jobs as an upload) → succeeded | awaiting_confirmation | invalid | failed.
 */
export const connectorRuns = pgTable(
  "connector_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    trigger: text("trigger").$type<"manual" | "monthly">().notNull(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    state: text("state").$type<ConnectorRunState>().notNull().default("queued"),
    dataMonth: text("data_month").notNull(),
    reports: jsonb("reports").$type<Partial<Record<"azure" | "m365", ConnectorRunReport>>>().notNull().default({}),
    polls: integer("polls").notNull().default(0),
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    filesFetched: integer("files_fetched").notNull().default(0),
    rows: integer("rows").notNull().default(0),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("connector_runs_org_idx").on(t.organizationId, t.createdAt)],
);

/** Which imports a connector run made: their audit entry is attributed to the connection, not to a person. */
export const connectorRunImports = pgTable("connector_run_imports", {
  importId: uuid("import_id")
    .primaryKey()
    .references(() => imports.id, { onDelete: "cascade" }),
  runId: uuid("run_id")
    .notNull()
    .references(() => connectorRuns.id, { onDelete: "cascade" }),
});

export type PartnerCenterConnection = typeof partnerCenterConnections.$inferSelect;
export type ConnectorRun = typeof connectorRuns.$inferSelect;
