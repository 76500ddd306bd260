import { describe, expect, it } from "vitest";
import { actionLabel, auditSentence, fieldLabel, fieldValue, monthsPhrase, originLabel } from "./sentence";

const entry = (action: string, before: unknown, after: unknown, objectId: string | null = null) => ({
  action,
  objectType: "x",
  objectId,
  before,
  after,
});

describe("audit entries in sentences", () => {
  it("names the people involved", () => {
    expect(
      auditSentence(
        entry("members.changeRole", { email: "bo@x.test", role: "viewer" }, { email: "bo@x.test", role: "analyst" }),
        {
          actor: "Avery Admin",
          object: "Bo Viewer",
        },
      ),
    ).toBe("Avery Admin changed Bo Viewer's role from viewer to analyst");
    // A member who has since been deleted is named by the e-mail the entry kept.
    expect(
      auditSentence(entry("members.remove", { email: "bo@x.test", role: "viewer" }, null), { actor: "Avery Admin" }),
    ).toBe("Avery Admin removed bo@x.test (viewer) from the organisation");
  });

  it("says what an import, a rollback and a manual score did, in words", () => {
    expect(
      auditSentence(
        entry(
          "data.import",
          { activeMonths: [] },
          { source: "azure", months: ["2026-09", "2026-10", "2026-08"], rows: 1 },
        ),
        { actor: "Ana Analyst" },
      ),
    ).toBe("Ana Analyst imported Azure usage data for August 2026 to October 2026, 1 row");
    expect(
      auditSentence(
        entry(
          "data.rollback",
          { source: "m365", month: "2026-01", revision: 2 },
          { source: "m365", month: "2026-01", revision: 1 },
        ),
        { actor: "Avery Admin" },
      ),
    ).toBe(
      "Avery Admin put revision 1 of the Microsoft 365 licence data for January 2026 back in use (was revision 2)",
    );
    expect(
      auditSentence(entry("scores.enterManual", { points: null }, { points: 30 }, "2026-10/smb/skilling"), {
        actor: "Ana Analyst",
      }),
    ).toBe("Ana Analyst set Skilling points for SMB, October 2026, to 30");
    expect(
      auditSentence(entry("imports.authorize", null, { source: "azure", fileName: "usage.csv" }), { actor: "A" }),
    ).toBe("A started uploading usage.csv as Azure usage data");
  });

  it("falls back to the action's label, never to nothing", () => {
    expect(auditSentence(entry("something.new", null, null), { actor: "A" })).toBe("A: something.new");
    expect(actionLabel("imports.authorize")).toBe("Started an upload");
  });

  it("shows details as fields, not JSON, and the loopback address as this server", () => {
    expect(fieldLabel("expiresAt")).toBe("Expires at");
    expect(fieldValue(["2026-01", "2026-02"])).toBe("2026-01, 2026-02");
    expect(fieldValue({ ruleSet: "security-2026" })).toBe("Rule set: security-2026");
    expect(fieldValue(null)).toBe("—");
    expect(originLabel("::1")).toBe("This server (local)");
    expect(originLabel("203.0.113.9")).toBe("203.0.113.9");
    expect(monthsPhrase(["2026-05"])).toBe("May 2026");
  });
});
