import type { Organization, User } from "@/db/schema";
import type { OrgActionName } from "@/server/actions";
import type { DataWorld } from "./helpers/data-world";

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
export type Outcome = "ok" | "unauthenticated" | "not_found" | "forbidden";

/** The organisation under test: an admin (plus a second one, so the admin may leave), an analyst, a viewer and a member to act on. */
export type World = {
  org: Organization;
  target: User;
  otherOrg: Organization;
  data: DataWorld;
  pendingInvitationId: string;
};

export type MatrixRow = { input: (w: World) => Record<string, unknown>; expect: Record<Caller, Outcome> };

const outsiders = { anonymous: "unauthenticated", nonMember: "not_found", otherOrgAdmin: "not_found" } as const;

export const accessMatrix: Record<OrgActionName, MatrixRow> = {
  "org.rename": {
    input: () => ({ name: "Renamed organisation" }),
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
    input: () => ({ source: "azure", dataMonth: "2026-10", fileName: "usage.csv" }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
  },
  "imports.create": {
    input: (w) => ({
      source: "azure",
      dataMonth: "2026-10",
      fileName: "usage.csv",
      byteSize: 120,
      storagePath: w.data.uploadPath,
    }),
    expect: { ...outsiders, viewer: "forbidden", analyst: "ok", admin: "ok" },
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
  "trends.export": {
    input: () => ({}),
    expect: { ...outsiders, viewer: "ok", analyst: "ok", admin: "ok" },
  },
};
