import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Simulator } from "@/components/simulator/simulator";
import { ScenarioComparison } from "@/components/simulator/scenario-comparison";
import { SavedScenarios } from "@/components/simulator/saved-scenarios";
import { getDb } from "@/db/client";
import { findScenario, listScenarios, snapshotResults } from "@/db/queries/simulation-scenarios";
import { can } from "@/lib/permissions";
import { ruleSetIds, getRuleSet, addMonths } from "@/lib/scoring";
import { workloadsOf } from "@/lib/simulator/base";
import { comparePrediction, predictionSchema } from "@/lib/simulator/prediction";
import { scenarioSchema, type Scenario } from "@/lib/simulator/scenario";
import { ASSOCIATION_TYPES } from "@/lib/simulator/simulate";
import { requireOrgMember } from "@/server/session";
import { simulateForOrganization } from "@/server/simulator/simulate-for-organization";
import { deleteScenario, saveScenario } from "./actions";

export const metadata: Metadata = { title: "Simulator" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The what-if simulator (issue 16): every member may simulate; analysts and admins save scenarios, which the
 * whole organisation lists and opens. An opened scenario shows what it predicted next to the snapshots that
 * arrived since.
 */
export default async function SimulatePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ scenario?: string | string[] }>;
}) {
  const { slug } = await params;
  const { org, role } = await requireOrgMember(slug, "simulations.run");
  const db = await getDb();
  const wanted = (await searchParams).scenario;
  const opened = typeof wanted === "string" && UUID.test(wanted) ? await findScenario(db, org.id, wanted) : null;
  const parsed = opened ? scenarioSchema.safeParse(opened.scenario) : null;
  const scenario: Scenario = parsed?.success
    ? parsed.data
    : { ruleSet: org.ruleSet, m365Basis: org.m365Basis as Scenario["m365Basis"], changes: [] };
  const response = await simulateForOrganization(db, org, scenario);
  const saved = await listScenarios(db, org.id);
  const prediction = opened ? predictionSchema.safeParse(opened.predicted) : null;
  const comparison =
    opened && prediction?.success
      ? comparePrediction(
          prediction.data,
          await snapshotResults(
            db,
            org.id,
            [1, 2, 3].map((k) => addMonths(opened.baseMonth, k)),
          ),
        )
      : null;

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">What-if simulator</h1>
        <p className="text-sm text-muted-foreground">
          Change the data of the latest snapshot — spend, licences, new customers, association types, the rule set — and
          see the points this month and the next three, and the cheapest way to 20 points.
        </p>
      </div>
      {response.ok === false && response.reason === "no_data" ? (
        <EmptyState title="Nothing to simulate yet" description={response.message} />
      ) : (
        <>
          {opened ? (
            <Card>
              <CardHeader>
                <CardTitle>{opened.name}</CardTitle>
                <CardDescription>
                  Saved on the {opened.baseMonth} snapshot.{" "}
                  <Link href={`/o/${slug}/simulate`}>Start a new scenario</Link>
                </CardDescription>
              </CardHeader>
              {comparison ? (
                <CardContent className="min-w-0 overflow-x-auto">
                  <ScenarioComparison months={comparison} />
                </CardContent>
              ) : null}
            </Card>
          ) : null}
          <Simulator
            key={opened?.id ?? "new"}
            slug={slug}
            ruleSets={ruleSetIds().map((id) => ({ value: id, label: id }))}
            workloads={Object.fromEntries(ruleSetIds().map((id) => [id, workloadsOf(getRuleSet(id))]))}
            associationTypes={ASSOCIATION_TYPES}
            initial={{
              ruleSet: scenario.ruleSet,
              m365Basis: scenario.m365Basis,
              changes: scenario.changes,
              name: opened?.name ?? "",
              id: opened?.id ?? null,
            }}
            initialResponse={response}
            canSave={can(role, "simulations.save")}
            save={saveScenario}
          />
        </>
      )}
      <SavedScenarios
        slug={slug}
        scenarios={saved}
        openedId={opened?.id ?? null}
        canDelete={can(role, "simulations.save")}
        remove={deleteScenario}
      />
    </div>
  );
}
