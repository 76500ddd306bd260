"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { NativeSelect } from "@/components/snapshots/native-select";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { scenarioChangeSchema, type ScenarioChange, type ScenarioInput } from "@/lib/simulator/scenario";
import type { ActionResult } from "@/lib/form-state";
import type { SimulationResponse } from "@/server/simulator/simulate-for-organization";
import { ChangeForm } from "./change-form";
import { describeChange } from "./describe-change";
import { PlanView, ResultTable, TenantChanges } from "./results";

type Change = ScenarioInput["changes"][number];
type RunResult = ActionResult<{ simulation: SimulationResponse; tenants: { tenantId: string; name: string }[] }>;

export interface SimulatorProps {
  slug: string;
  ruleSets: { value: string; label: string }[];
  workloads: Record<string, readonly string[]>;
  associationTypes: readonly string[];
  initial: { ruleSet: string; m365Basis: string; changes: Change[]; name: string; id: string | null };
  initialResponse: SimulationResponse;
  canSave: boolean;
  save: (slug: string, input: unknown) => Promise<ActionResult<{ id: string }>>;
}

/**
 * The what-if simulator: the person edits a list of changes, and every edit runs the scenario on the server (the
 * engine on the changed data, base-cached per snapshot) and shows the new points.
 */
export function Simulator(props: SimulatorProps) {
  const router = useRouter();
  const [ruleSet, setRuleSet] = useState(props.initial.ruleSet);
  const [basis, setBasis] = useState(props.initial.m365Basis);
  const [changes, setChanges] = useState<Change[]>(props.initial.changes);
  const [response, setResponse] = useState<SimulationResponse>(props.initialResponse);
  const [planMonth, setPlanMonth] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [tenants, setTenants] = useState<{ tenantId: string; name: string }[]>([]);
  const [name, setName] = useState(props.initial.name);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const scenario = { ruleSet, m365Basis: basis, changes };
  const months = response.ok ? response.result.months.map((m) => m.month) : [];

  function run(next: { changes?: Change[]; ruleSet?: string; m365Basis?: string; planMonth?: string }, query?: string) {
    const input = {
      scenario: { ...scenario, ...next, changes: next.changes ?? changes },
      planMonth: next.planMonth ?? planMonth,
      tenantQuery: query,
    };
    startTransition(async () => {
      const res = await runScenario(props.slug, input);
      if (!res.ok) {
        setError(res.message + fieldMessages(res.fieldErrors));
        return;
      }
      setTenants(res.data.tenants);
      setResponse(res.data.simulation);
      setError(res.data.simulation.ok ? null : problemText(res.data.simulation));
    });
  }

  function update(next: Change[]) {
    setChanges(next);
    setSaved(null);
    run({ changes: next });
  }

  async function onSave(e: React.FormEvent) {
    e.preventDefault();
    const res = await props.save(props.slug, { id: props.initial.id ?? undefined, name, scenario });
    if (!res.ok) {
      setError(res.message + fieldMessages(res.fieldErrors));
      return;
    }
    setSaved(`Saved “${name}”.`);
    router.replace(`/o/${props.slug}/simulate?scenario=${res.data.id}`);
  }

  const workloads = props.workloads[ruleSet] ?? [];
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Scenario</CardTitle>
          <CardDescription>
            Changes to the data of the latest snapshot. Every change is scored by the same engine as the snapshots.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <div className="grid gap-3 sm:grid-cols-3">
            <NativeSelect
              label="Rule set"
              value={ruleSet}
              options={props.ruleSets}
              onChange={(e) => {
                setRuleSet(e.target.value);
                run({ ruleSet: e.target.value });
              }}
            />
            <NativeSelect
              label="M365 basis"
              value={basis}
              options={[
                { value: "any-month", label: "Any month of the window" },
                { value: "last-month", label: "Last month of the window" },
              ]}
              onChange={(e) => {
                setBasis(e.target.value);
                run({ m365Basis: e.target.value });
              }}
            />
            <NativeSelect
              label="Plan for month"
              value={planMonth ?? months[1] ?? ""}
              options={months.map((m) => ({ value: m, label: m }))}
              onChange={(e) => {
                setPlanMonth(e.target.value);
                run({ planMonth: e.target.value });
              }}
            />
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <ChangeForm
              workloads={workloads}
              associationTypes={props.associationTypes}
              defaultMonth={months[1] ?? ""}
              tenants={tenants}
              onSearch={(text) => run({}, text)}
              onAdd={(change) => {
                const checked = scenarioChangeSchema.safeParse(change);
                if (!checked.success) setError(checked.error.issues.map((i) => i.message).join(" "));
                else update([...changes, change]);
              }}
            />
            <section className="grid content-start gap-2" aria-label="Changes in this scenario">
              <h3 className="font-medium">Changes ({changes.length})</h3>
              {changes.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  None yet: the results below are the snapshot&apos;s data.
                </p>
              ) : (
                <ul className="grid gap-1 text-sm">
                  {changes.map((c, i) => (
                    <li key={i} className="flex items-start justify-between gap-2">
                      <span className="min-w-0 break-words">{describeChange(c)}</span>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Remove change ${i + 1}`}
                        onClick={() => update(changes.filter((_, j) => j !== i))}
                      >
                        Remove
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          {error ? (
            <Alert variant="destructive" role="alert">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {pending ? "Calculating…" : response.ok ? `Based on the ${response.snapshot.month} snapshot.` : ""}
          </p>
        </CardContent>
      </Card>
      {response.ok ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Points and net adds</CardTitle>
              <CardDescription>
                The next three months assume no data beyond the scenario&apos;s changes (as the projection does).
              </CardDescription>
            </CardHeader>
            <CardContent className="min-w-0 overflow-x-auto">
              <ResultTable result={response.result} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>What it would take to reach 20 points</CardTitle>
              <CardDescription>
                The smallest shortfalls first, each checked by the engine on that tenant.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <PlanView
                result={response.result}
                onApply={(extra: ScenarioChange[]) => update([...changes, ...extra])}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Tenants that start or stop counting</CardTitle>
            </CardHeader>
            <CardContent className="min-w-0 overflow-x-auto">
              <TenantChanges result={response.result} />
            </CardContent>
          </Card>
        </>
      ) : null}
      {props.canSave ? (
        <Card>
          <CardHeader>
            <CardTitle>Save this scenario</CardTitle>
            <CardDescription>Saved scenarios are shared with everyone in the organisation.</CardDescription>
          </CardHeader>
          <CardContent>
            <form onSubmit={onSave} className="flex flex-wrap items-end gap-3" aria-label="Save scenario">
              <FormField label="Scenario name" value={name} onChange={(e) => setName(e.target.value)} />
              <Button type="submit" disabled={pending}>
                {props.initial.id ? "Save changes" : "Save scenario"}
              </Button>
              {saved ? (
                <p role="status" className="text-sm">
                  {saved}
                </p>
              ) : null}
            </form>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

/** The page's hot path: the simulate route handler (plain HTTP, so `npm run bench` measures exactly this call). */
async function runScenario(slug: string, input: unknown): Promise<RunResult> {
  try {
    const res = await fetch(`/o/${encodeURIComponent(slug)}/simulate/run`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(input),
    });
    // A refusal answers `{ error }` (server/http/action-refusal.ts) with its status; a result, the action's answer.
    if (!res.ok) {
      const refusal = (await res.json()) as { error?: string };
      return { ok: false, error: "conflict", message: refusal.error ?? "The simulator could not answer. Try again." };
    }
    return (await res.json()) as RunResult;
  } catch {
    return { ok: false, error: "conflict", message: "The simulator could not be reached. Try again." };
  }
}

function fieldMessages(fieldErrors: Record<string, string[] | undefined> | undefined): string {
  const messages = Object.values(fieldErrors ?? {}).flatMap((m) => m ?? []);
  return messages.length > 0 ? ` ${messages.join(" ")}` : "";
}

function problemText(r: Extract<SimulationResponse, { ok: false }>): string {
  if (r.reason === "no_data") return r.message;
  return [
    r.message,
    ...r.problems.map((p) => (p.change === null ? p.message : `Change ${p.change + 1}: ${p.message}`)),
  ].join(" ");
}
