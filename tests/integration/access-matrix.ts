import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { imports, type Organization, type User } from "@/db/schema";
import { clearSampleData } from "@/server/sample-data";
import { saveConnection } from "@/db/queries/partner-center";
import { connectorEnv } from "@/lib/env";
import { sealClientSecret } from "@/server/partner-center/secrets";
import { ensureTestEncryptionKey } from "../helpers/connector-keys";
import type { OrgActionName } from "@/server/actions";
import { saveWebhook } from "@/db/queries/notifications";
import { newSigningSecret, sealSecret } from "@/server/webhooks/secret-box";
import { RENAMED_MAPPING, type DataWorld } from "./helpers/data-world";
import type { TokenCaller } from "./helpers/api-tokens";

/**
 * Who may call which organisation action, and what each caller gets. One row per entry of
 * server/actions/index.ts (the test fails if one is missing), one column per kind of caller.
 *
 *   ok              the change happens and is audited
 *   unauthenticated no valid session
 *   not_found       not a member (or unknown org): identical answer, no hint the org exists
 *   forbidden       a member whose role lacks the permission
 */
export const callers = ["anonymous", "nonMember", "viewer", "analyst", "admin", "otherOrgAdmin"] as const;
export type Caller = (typeof callers)[number];

/**
 * API token callers (issue 16), for every action as for people: a token acts with its role in its own
 * organisation only. Revoked and expired tokens are refused as "unauthenticated"; another organisation's token
 * gets the non-member's "not found". Only actions marked `tokens: true` accept a token at all: every other one
 * answers "forbidden" to a token of any role (rows say so by leaving out `tokens`).
 */
const tokenOutsiders = {
  revokedToken: "unauthenticated",
  expiredToken: "unauthenticated",
  otherOrgToken: "not_found",
} as const;
const peopleOnly = { viewerToken: "forbidden", analystToken: "forbidden" } as const;
export function tokenExpectations(row: MatrixRow): Record<TokenCaller, Outcome> {
  return { ...tokenOutsiders, ...(row.tokens ?? peopleOnly) };
}
export type Outcome = "ok" | "unauthenticated" | "not_found" | "forbidden";

/** The organisation under test: an admin (plus a second one, so the admin may leave), an analyst, a viewer and a member to act on. */
export type World = {
  org: Organization;
  target: User;
  otherOrg: Organization;
  data: DataWorld;
  pendingInvitationId: string;
  /** A saved what-if scenario of the organisation. */
  scenarioId: string;
  /** An active API token of the organisation, to revoke. */
  apiTokenId: string;
};

export type MatrixRow = {
  input: (w: World) => Record<string, unknown>;
  expect: Record<Caller, Outcome>;
  /** What viewer and analyst tokens get, for actions that accept tokens; absent: "forbidden" to both. */
  tokens?: { viewerToken: Outcome; analystToken: Outcome };
  /** Puts the organisation in the state the action needs before anyone calls it (e.g. "holds only sample data"). */
  prepare?: (db: Db, w: World) => Promise<void>;
};

/** The world's imports become sample imports, as "Try it with sample data" would have made them. */
const markSample = (db: Db, w: World) =>
  db
    .update(imports)
    .set({ sample: true })
    .where(eq(imports.organizationId, w.org.id))
    .then(() => undefined);

/** A saved Partner Center connection (its secret sealed with the test key), for the connector's actions. */
const withConnection = async (db: Db, w: World) => {
  ensureTestEncryptionKey();
  const sealed = sealClientSecret(connectorEnv(), w.org.id, "matrix-client-secret");
  await saveConnection(db, {
    organizationId: w.org.id,
    tenantId: "11111111-1111-4111-8111-111111111111",
    clientId: "22222222-2222-4222-8222-222222222222",
    secretCiphertext: sealed.ciphertext,
    secretKeyId: sealed.keyId,
  });
};
/** The organisation has a webhook, as an admin would have saved it. */
const addWebhook = (db: Db, w: World) =>
  saveWebhook(db, {
    organizationId: w.org.id,
    url: "https://hooks.example.com/pcp",
    secretCiphertext: sealSecret(newSigningSecret()),
    createdBy: w.target.id,
  });

const outsiders = { anonymous: "unauthenticated", nonMember: "not_found", otherOrgAdmin: "not_found" } as const;

export const accessMatrix: Record<OrgActionName, MatrixRow> = {
  "org.rename": {
    input: () => ({ name: "Renamed organisation" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "org.requireTwoFactor": {
    // "false": an allowed change must not lock the case's own callers out (each case has its own organisation).
    input: () => ({ required: "false" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "invitations.create": {
    input: () => ({ email: `new-${Math.random().toString(36).slice(2)}@example.test`, role: "analyst" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "invitations.resend": {
    input: (w) => ({ invitationId: w.pendingInvitationId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "invitations.revoke": {
    input: (w) => ({ invitationId: w.pendingInvitationId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "members.changeRole": {
    input: (w) => ({ userId: w.target.id, role: "analyst" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "members.remove": {
    input: (w) => ({ userId: w.target.id }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "membership.leave": {
    input: () => ({}),
    expect: { ...outsiders, viewer: "ok", analyst: "ok", admin: "ok" },
  },
  "audit.export": {
    input: () => ({ action: "", actor: "", from: "", to: "" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "imports.authorize": {
    input: () => ({ source: "azure", dataMonth: "2026-10", fileName: "usage.csv", length: 120 }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
    tokens: { viewerToken: "forbidden", analystToken: "ok" },
  },
  "imports.upload": {
    input: (w) => ({ uploadId: w.data.uploadId, offset: 0 }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
    tokens: { viewerToken: "forbidden", analystToken: "ok" },
  },
  "imports.create": {
    input: (w) => ({ uploadId: w.data.uploadId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
    tokens: { viewerToken: "forbidden", analystToken: "ok" },
  },
  "imports.decide": {
    input: (w) => ({ importId: w.data.awaitingImportId, decision: "cancel" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "imports.errors": {
    input: (w) => ({ importId: w.data.invalidImportId }),
    expect: { ...outsiders, viewer: "ok", analyst: "ok", admin: "ok" },
  },
  "data.rollback": {
    input: (w) => ({ revisionId: w.data.earlierRevisionId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "imports.rollback": {
    input: (w) => ({ importId: w.data.replacingImportId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "data.recompute": {
    input: () => ({}),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "scores.enterManual": {
    input: () => ({ month: "2026-10", track: "enterprise", skilling: "30", deployments: "", usageGrowth: "5" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "org.changeRules": {
    input: () => ({ ruleSet: "security-2026", m365Basis: "last-month" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "snapshots.export": {
    input: () => ({ month: "2026-10" }),
    expect: { ...outsiders, viewer: "ok", analyst: "ok", admin: "ok" },
  },
  "sampleData.load": {
    input: () => ({}),
    // Sample data goes only into an organisation without data: the world's data is cleared first.
    prepare: async (db, w) => {
      await markSample(db, w);
      await db.transaction((tx) => clearSampleData(tx, w.org.id));
    },
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "sampleData.clear": {
    input: () => ({}),
    prepare: markSample,
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "simulations.run": {
    // The world's data has a snapshot (2026-10): every member may ask "what if".
    input: () => ({ scenario: { ruleSet: "security-2025", m365Basis: "any-month", changes: [] } }),
    expect: { ...outsiders, viewer: "ok", analyst: "ok", admin: "ok" },
  },
  "simulations.save": {
    input: () => ({ name: "Plan A", scenario: { ruleSet: "security-2025", m365Basis: "any-month", changes: [] } }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "simulations.delete": {
    input: (w) => ({ id: w.scenarioId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "org.enrolment": {
    input: () => ({ enrolledOn: "2026-03-15" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "trends.export": {
    input: () => ({}),
    expect: { ...outsiders, viewer: "ok", analyst: "ok", admin: "ok" },
  },
  "connector.save": {
    prepare: async () => ensureTestEncryptionKey(),
    input: () => ({
      tenantId: "11111111-1111-4111-8111-111111111111",
      clientId: "22222222-2222-4222-8222-222222222222",
      clientSecret: "a-new-client-secret",
      replaceMode: "ask",
      azureQuery: "",
      m365Query: "",
    }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "connector.remove": {
    prepare: withConnection,
    input: () => ({}),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "connector.test": {
    prepare: withConnection,
    input: () => ({}),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "connector.refresh": {
    prepare: withConnection,
    input: () => ({}),
    // "Refresh now" imports data: analysts may, as they may upload.
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "imports.map": {
    input: (w) => ({ importId: w.data.needsMappingImportId, ...RENAMED_MAPPING }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "imports.cancelMapping": {
    input: (w) => ({ importId: w.data.needsMappingImportId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "columnMappings.delete": {
    input: (w) => ({ mappingId: w.data.columnMappingId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "notifications.setPreference": {
    input: () => ({ afterRefresh: "true" }),
    expect: { ...outsiders, viewer: "ok", analyst: "ok", admin: "ok" },
  },
  "webhook.save": {
    input: () => ({ url: "https://hooks.example.com/pcp" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "webhook.delete": {
    input: () => ({}),
    prepare: addWebhook,
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "webhook.test": {
    input: () => ({}),
    prepare: addWebhook,
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "apiTokens.create": {
    input: () => ({ name: "Power BI", role: "viewer", expiresInDays: "30" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
  "apiTokens.revoke": {
    input: (w) => ({ tokenId: w.apiTokenId }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "forbidden", admin: "ok" },
  },
};

/**
 * Every operation of the REST API v1 (server/api/operations) × every kind of token caller, as HTTP statuses. No
 * token, a revoked and an expired token get 401; another organisation's token 404, as a non-member would.
 * `path` is the address under /api/v1 in the world's organisation.
 */
export type ApiMatrixRow = {
  path: (w: { slug: string; data: DataWorld }) => string;
  /** The JSON body, for operations that take one (e.g. a POST). */
  body?: (w: { slug: string; data: DataWorld }) => unknown;
  expect: { viewerToken: number; analystToken: number };
};
export const apiAccessMatrix: Record<string, ApiMatrixRow> = {
  "snapshots.list": { path: (w) => `/orgs/${w.slug}/snapshots`, expect: { viewerToken: 200, analystToken: 200 } },
  "snapshots.get": {
    path: (w) => `/orgs/${w.slug}/snapshots/2026-10`,
    expect: { viewerToken: 200, analystToken: 200 },
  },
  "tenants.list": {
    path: (w) => `/orgs/${w.slug}/snapshots/2026-10/tenants?status=any&limit=10`,
    expect: { viewerToken: 200, analystToken: 200 },
  },
  "tenants.get": {
    path: (w) => `/orgs/${w.slug}/snapshots/2026-10/tenants/00000000-0000-4000-8000-000000000001`,
    expect: { viewerToken: 200, analystToken: 200 },
  },
  "insights.get": {
    path: (w) => `/orgs/${w.slug}/snapshots/2026-10/insights`,
    expect: { viewerToken: 200, analystToken: 200 },
  },
  "trends.get": { path: (w) => `/orgs/${w.slug}/trends`, expect: { viewerToken: 200, analystToken: 200 } },
  "imports.get": {
    path: (w) => `/orgs/${w.slug}/imports/${w.data.invalidImportId}`,
    expect: { viewerToken: 200, analystToken: 200 },
  },
  // A what-if changes nothing: every member may run one, as on the Simulator page.
  "simulations.run": {
    path: (w) => `/orgs/${w.slug}/simulations`,
    body: () => ({
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
    }),
    expect: { viewerToken: 200, analystToken: 200 },
  },
};
