/**
 * Who may do what in an organisation (SPEC §5). The one place that answers "who may import?":
 * every server action, route handler and page asks `can(role, action)` with a key from this map.
 * Pure: no Next.js, no database.
 */
export const roles = ["admin", "analyst", "viewer"] as const;
export type Role = (typeof roles)[number];

const everyone: readonly Role[] = ["admin", "analyst", "viewer"];
const analysts: readonly Role[] = ["admin", "analyst"];
const admins: readonly Role[] = ["admin"];

export const permissionMap = {
  // see dashboards, snapshots, customers, rules in force; export CSV
  "org.view": everyone,
  "members.view": everyone,
  "membership.leave": everyone,
  "export.csv": everyone,
  // the what-if simulator: anyone who sees the numbers may ask "what if" (issue 16)
  "simulations.run": everyone,
  // import data, recompute, enter Skilling / Customer Success points
  "data.import": analysts,
  "data.recompute": analysts,
  "scores.enterManual": analysts,
  // save, rename and delete scenarios shared with the organisation
  "simulations.save": analysts,
  // invite colleagues, revoke invitations, change roles, remove members
  "invitations.manage": admins,
  "members.changeRole": admins,
  "members.remove": admins,
  // organisation settings (name, rule set, M365 basis), audit log, API tokens
  "org.rename": admins,
  "org.settings": admins,
  "audit.view": admins,
  "apiTokens.manage": admins,
  // an earlier revision of a month's data back in use: changes every snapshot that reads it
  "data.rollback": admins,
  // fill an organisation without data with generated sample data, and clear it again
  "data.sample": admins,
  // the Partner Center connection (Entra app and its secret, queries, replace rule); "Refresh now" is data.import
  "connector.manage": admins,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionMap;
export const permissions = Object.keys(permissionMap) as Permission[];

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (permissionMap[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

export const roleLabels: Record<Role, string> = { admin: "Admin", analyst: "Analyst", viewer: "Viewer" };
