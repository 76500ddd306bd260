/**
 * The simulator on stored data: the base loaded from the database equals the engine on the same files (with and
 * without a scenario), scenarios are saved by analysts and admins only, listed and opened by every member,
 * audited, and compared with the snapshot of a later month once its data arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import type { Organization, User } from "@/db/schema";
import { findScenario, listScenarios, snapshotResults } from "@/db/queries/simulation-scenarios";
import { generateDataset } from "@/lib/generator";
import { addMonths, getRuleSet, readAzureUsage, readM365Licenses, type AzureRow, type M365Row } from "@/lib/scoring";
import { scoreTexts, textInput } from "@/lib/scoring/test-support";
import { comparePrediction, predictionSchema } from "@/lib/simulator/prediction";
import { scenarioSchema, type Scenario } from "@/lib/simulator/scenario";
import { baseRows, scenarioRows } from "@/lib/simulator/scenario-rows";
import { orgActions } from "@/server/actions";
import { executeOrgAction } from "@/server/org-action";
import { clearSimulationBases } from "@/server/simulator/base-cache";
import { simulateForOrganization } from "@/server/simulator/simulate-for-organization";
import { settle, uploadFile } from "./helpers/imports";
import { auditRows, contextFor, seedOrg } from "./helpers/seed";
import { createTestDb, testDriver } from "./helpers/test-db";

const MONTH = "2026-10";

describe(`simulator (${testDriver()})`, () => {
  let handle: DbHandle;
  let org: Organization;
  let users: Record<"admin" | "analyst" | "viewer" | "colleague", User>;
  let outsider: User;
  let rows: { azure: AzureRow[]; m365: M365Row[] };
  let azureText = "";
  let m365Text = "";

  beforeAll(async () => {
    handle = await createTestDb();
    const db = handle.db;
    ({ org, users } = await seedOrg(db, {
      admin: "admin",
      analyst: "analyst",
      viewer: "viewer",
      colleague: "viewer",
    }));
    outsider = (await seedOrg(db, { outsider: "admin" })).users.outsider;
    await generateDataset(
      { tenants: 30, months: 26, seed: 7, toMonth: MONTH },
      { azure: (c) => void (azureText += c), m365: (c) => void (m365Text += c) },
    );
    const target = { organizationId: org.id, userId: users.admin.id };
    await settle(db, await uploadFile(db, target, "azure", azureText, MONTH));
    await settle(db, await uploadFile(db, target, "m365", m365Text, MONTH));
    const azure: AzureRow[] = [];
    const m365: M365Row[] = [];
    await readAzureUsage(textInput(azureText), { file: "a.csv", onRow: (r) => void azure.push(r) });
    await readM365Licenses(textInput(m365Text), { file: "m.csv", onRow: (r) => void m365.push(r) });
    rows = { azure: baseRows(azure, MONTH), m365: baseRows(m365, MONTH) };
  }, 240_000);
  afterAll(async () => handle?.close());

  function scenarioFor(ruleSet: string): Scenario {
    const tenants = [...new Set(rows.azure.map((r) => r.tenantId))].sort();
    const licensed = [...new Set(rows.m365.map((r) => r.tenantId))].sort();
    return scenarioSchema.parse({
      ruleSet,
      m365Basis: "any-month",
      changes: [
        { kind: "acr", tenantId: tenants[0], months: [MONTH, addMonths(MONTH, 1)], amount: "250.125" },
        { kind: "acr", tenantId: tenants[1], months: [addMonths(MONTH, -3)], amount: "-900" },
        { kind: "association", tenantId: tenants[2], source: "azure", associationType: "None (not eligible)" },
        { kind: "association", tenantId: licensed[0], source: "m365", associationType: "CSP Tier 1" },
        { kind: "licences", tenantId: licensed[1], workload: "Microsoft Intune", months: [MONTH], units: 301 },
        {
          kind: "newCustomer",
          tenantId: "abcdef00-0000-4000-8000-000000000001",
          name: "Hypothetical Ltd",
          azure: [{ month: addMonths(MONTH, 2), amount: "600.00" }],
          m365: [{ month: addMonths(MONTH, 1), workload: "Microsoft Intune", units: 12 }],
        },
      ],
    });
  }

  for (const ruleSet of ["security-2025", "security-2026"]) {
    it(`a scenario on the stored data equals the engine on files with the same changes (${ruleSet})`, async () => {
      clearSimulationBases();
      const scenario = scenarioFor(ruleSet);
      const response = await simulateForOrganization(handle.db, org, scenario);
      if (!response.ok) throw new Error(response.message);
      expect(response.snapshot.month).toBe(MONTH);
      const changed = scenarioRows(rows, scenario, getRuleSet(ruleSet));
      const csv = (data: typeof rows) => ({
        azure:
          "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel\n" +
          data.azure
            .map((r) =>
              [r.tenantId, "", r.month, r.service, r.offer ?? "", r.associationType, fmt(r.acr), r.duplicate ? 1 : 0]
                .map(quote)
                .join(","),
            )
            .join("\n"),
        m365:
          "CustomerTenantId,CustomerName,Month,WorkloadName,AssociationType,PaidAvailableUnits\n" +
          data.m365
            .map((r) => [r.tenantId, "", r.month, r.workload, r.associationType, r.paidUnits].map(quote).join(","))
            .join("\n"),
      });
      for (const m of response.result.months) {
        expect(m.scenario).toEqual(await scoreTexts({ ...csv(changed), rules: ruleSet, month: m.month }));
        expect(m.baseline).toEqual(await scoreTexts({ ...csv(rows), rules: ruleSet, month: m.month }));
      }
      expect(response.result.tenantChanges.some((c) => c.added && c.counting === "starts")).toBe(true);
    }, 120_000);
  }

  it("every member may simulate; a non-member gets not found", async () => {
    const input = { scenario: { ruleSet: "security-2025", m365Basis: "any-month", changes: [] } };
    const viewer = await executeOrgAction(
      orgActions["simulations.run"],
      contextFor(handle.db, users.viewer),
      org.slug,
      input,
    );
    expect(viewer).toMatchObject({ ok: true, data: { simulation: { ok: true } } });
    const stranger = await executeOrgAction(
      orgActions["simulations.run"],
      contextFor(handle.db, outsider),
      org.slug,
      input,
    );
    expect(stranger).toMatchObject({ ok: false, error: "not_found" });
  });

  it("a viewer cannot save; an analyst saves, a colleague lists and opens it, and the save is audited", async () => {
    const db = handle.db;
    const input = { name: "Two more customers", scenario: scenarioFor("security-2025") };
    const refused = await executeOrgAction(
      orgActions["simulations.save"],
      contextFor(db, users.viewer),
      org.slug,
      input,
    );
    expect(refused).toMatchObject({ ok: false, error: "forbidden" });
    expect(await listScenarios(db, org.id)).toHaveLength(0);

    const saved = await executeOrgAction(
      orgActions["simulations.save"],
      contextFor(db, users.analyst),
      org.slug,
      input,
    );
    if (!saved.ok) throw new Error(saved.message);
    const listed = await listScenarios(db, org.id);
    expect(listed.map((s) => s.name)).toEqual(["Two more customers"]);
    const opened = await findScenario(db, org.id, saved.data.id);
    expect(opened?.baseMonth).toBe(MONTH);
    expect(scenarioSchema.parse(opened!.scenario)).toEqual(input.scenario);
    const audit = await auditRows(db, org.id);
    expect(audit.some((a) => a.action === "simulations.save" && a.actorUserId === users.analyst.id)).toBe(true);
    // Another organisation's admin cannot read or delete it.
    const other = await executeOrgAction(orgActions["simulations.delete"], contextFor(db, outsider), org.slug, {
      id: saved.data.id,
    });
    expect(other).toMatchObject({ ok: false, error: "not_found" });
    expect(await findScenario(db, org.id, saved.data.id)).not.toBeNull();
  });

  it("a saved scenario is compared with the snapshot of a later month once its data arrives", async () => {
    const db = handle.db;
    const saved = await executeOrgAction(orgActions["simulations.save"], contextFor(db, users.admin), org.slug, {
      name: "Before November",
      scenario: scenarioFor("security-2025"),
    });
    if (!saved.ok) throw new Error(saved.message);
    const row = (await findScenario(db, org.id, saved.data.id))!;
    const prediction = predictionSchema.parse(row.predicted);
    const november = addMonths(MONTH, 1);
    let compared = comparePrediction(prediction, await snapshotResults(db, org.id, [november]));
    expect(compared[0]).toMatchObject({ month: november, actual: null });

    const header = "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD\n";
    const target = { organizationId: org.id, userId: users.admin.id };
    await settle(
      db,
      await uploadFile(
        db,
        target,
        "azure",
        `${header}abcdef00-0000-4000-8000-0000000000aa,New,${november},Key Vault,,PAL,700\n`,
        november,
      ),
    );
    compared = comparePrediction(prediction, await snapshotResults(db, org.id, [november]));
    const actual = (await snapshotResults(db, org.id, [november])).get(november)!.result;
    expect(compared[0]!.actual).toEqual({
      enterprise: {
        points: actual.tracks.enterprise.points,
        netCustomerAdds: actual.tracks.enterprise.netCustomerAdds,
      },
      smb: { points: actual.tracks.smb.points, netCustomerAdds: actual.tracks.smb.netCustomerAdds },
    });
    // The simulator moves on to the new snapshot by itself (the cached base of October is not used).
    const next = await simulateForOrganization(
      db,
      org,
      scenarioSchema.parse({ ruleSet: "security-2025", m365Basis: "any-month", changes: [] }),
    );
    expect(next).toMatchObject({ ok: true, snapshot: { month: november } });
  }, 120_000);
});

const fmt = (v: bigint) => {
  const negative = v < 0n;
  const m = negative ? -v : v;
  return `${negative ? "-" : ""}${m / 1_000_000n}.${(m % 1_000_000n).toString().padStart(6, "0")}`;
};
const quote = (v: unknown) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
