import { describe, expect, it } from "vitest";
import { can, isRole, permissionMap, permissions, roles, type Permission, type Role } from "./permissions";

// SPEC §5 written out row by row, so a change to the map has to be a change to this table too.
const spec: Record<Permission, Record<Role, boolean>> = {
  "org.view": { admin: true, analyst: true, viewer: true },
  "members.view": { admin: true, analyst: true, viewer: true },
  "membership.leave": { admin: true, analyst: true, viewer: true },
  "export.csv": { admin: true, analyst: true, viewer: true },
  "data.import": { admin: true, analyst: true, viewer: false },
  "data.recompute": { admin: true, analyst: true, viewer: false },
  "scores.enterManual": { admin: true, analyst: true, viewer: false },
  "invitations.manage": { admin: true, analyst: false, viewer: false },
  "members.changeRole": { admin: true, analyst: false, viewer: false },
  "members.remove": { admin: true, analyst: false, viewer: false },
  "org.rename": { admin: true, analyst: false, viewer: false },
  "org.settings": { admin: true, analyst: false, viewer: false },
  "audit.view": { admin: true, analyst: false, viewer: false },
  "apiTokens.manage": { admin: true, analyst: false, viewer: false },
  // Not a row of SPEC §5: rolling a month back is an admin's call (it changes every snapshot that reads it).
  "data.rollback": { admin: true, analyst: false, viewer: false },
  // Not a row of SPEC §5 either: sample data fills (and clearing empties) the whole organisation.
  "data.sample": { admin: true, analyst: false, viewer: false },
  // Issue 16: every member may simulate (it changes nothing); saving a shared scenario is an analyst's.
  "simulations.run": { admin: true, analyst: true, viewer: true },
  "simulations.save": { admin: true, analyst: true, viewer: false },
  // Issue 15: the Partner Center connection holds the organisation's Entra app secret (admins, like settings).
  "connector.manage": { admin: true, analyst: false, viewer: false },
};

describe("permission map (SPEC §5)", () => {
  it("lists exactly the permissions of the spec table", () => {
    expect([...permissions].sort()).toEqual(Object.keys(spec).sort());
  });

  for (const permission of Object.keys(spec) as Permission[]) {
    for (const role of roles) {
      const expected = spec[permission][role];
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it("a missing role may do nothing", () => {
    for (const permission of permissions) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
    }
  });

  it("only admins hold every permission", () => {
    expect(permissions.every((p) => can("admin", p))).toBe(true);
    expect(permissions.every((p) => can("analyst", p))).toBe(false);
  });

  it("recognises roles and nothing else", () => {
    expect(roles.every(isRole)).toBe(true);
    expect(isRole("owner")).toBe(false);
    expect(isRole("Admin")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it("every entry names only known roles", () => {
    for (const allowed of Object.values(permissionMap)) {
      expect(allowed.every((r) => isRole(r))).toBe(true);
    }
  });
});
