"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/snapshots/native-select";
import type { ScenarioInput } from "@/lib/simulator/scenario";

type Change = ScenarioInput["changes"][number];
const KINDS = [
  { value: "acr", label: "Add or remove eligible Azure spend" },
  { value: "licences", label: "Set a workload's paid licences" },
  { value: "newCustomer", label: "Add a new customer" },
  { value: "association", label: "Move a tenant's association type" },
] as const;

/** Months typed as "2026-11, 2026-12" (commas or spaces). */
const monthsOf = (text: string) => text.split(/[\s,]+/).filter((m) => m !== "");

/**
 * The form that adds one change to the scenario. The tenant field searches the snapshot's tenants by name or id
 * (through the simulate action) and takes the GUID.
 */
export function ChangeForm({
  workloads,
  associationTypes,
  defaultMonth,
  tenants,
  onSearch,
  onAdd,
}: {
  workloads: readonly string[];
  associationTypes: readonly string[];
  defaultMonth: string;
  tenants: { tenantId: string; name: string }[];
  onSearch: (text: string) => void;
  onAdd: (change: Change) => void;
}) {
  const listId = useId();
  const [kind, setKind] = useState<Change["kind"]>("acr");
  const [tenant, setTenant] = useState("");
  const [months, setMonths] = useState(defaultMonth);
  const [amount, setAmount] = useState("");
  const [workload, setWorkload] = useState(workloads[0] ?? "");
  const [units, setUnits] = useState("");
  const [name, setName] = useState("");
  const [source, setSource] = useState<"azure" | "m365">("azure");
  const [association, setAssociation] = useState(associationTypes[0] ?? "");
  const [fromMonth, setFromMonth] = useState("");

  // A picked suggestion reads "Name (GUID)": the GUID is what the scenario keeps.
  const tenantId = /\(([0-9a-fA-F-]{36})\)\s*$/.exec(tenant)?.[1] ?? tenant.trim();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const count = Number(units);
    switch (kind) {
      case "acr":
        onAdd({ kind, tenantId, months: monthsOf(months), amount });
        break;
      case "licences":
        onAdd({ kind, tenantId, workload, months: monthsOf(months), units: count });
        break;
      case "newCustomer":
        onAdd({
          kind,
          tenantId: crypto.randomUUID(),
          name,
          azure: amount ? monthsOf(months).map((month) => ({ month, amount })) : [],
          m365: units ? monthsOf(months).map((month) => ({ month, workload, units: count })) : [],
        });
        break;
      case "association":
        onAdd({ kind, tenantId, source, associationType: association, fromMonth: fromMonth || undefined });
        break;
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-3" aria-label="Add a change" noValidate>
      <NativeSelect
        label="Change"
        value={kind}
        onChange={(e) => setKind(e.target.value as Change["kind"])}
        options={KINDS}
      />
      {kind === "newCustomer" ? (
        <FormField label="Customer name" value={name} onChange={(e) => setName(e.target.value)} />
      ) : (
        <>
          <FormField
            label="Tenant (name or GUID)"
            value={tenant}
            list={listId}
            autoComplete="off"
            onChange={(e) => {
              setTenant(e.target.value);
              if (e.target.value.trim().length >= 2) onSearch(e.target.value);
            }}
          />
          <datalist id={listId}>
            {tenants.map((t) => (
              <option key={t.tenantId} value={`${t.name || "Unnamed"} (${t.tenantId})`} />
            ))}
          </datalist>
        </>
      )}
      {kind === "association" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <NativeSelect
            label="Source"
            value={source}
            onChange={(e) => setSource(e.target.value as "azure" | "m365")}
            options={[
              { value: "azure", label: "Azure" },
              { value: "m365", label: "Microsoft 365" },
            ]}
          />
          <NativeSelect
            label="Association type"
            value={association}
            onChange={(e) => setAssociation(e.target.value)}
            options={associationTypes.map((a) => ({ value: a, label: a }))}
          />
          <FormField
            label="From month (optional)"
            placeholder="YYYY-MM"
            value={fromMonth}
            onChange={(e) => setFromMonth(e.target.value)}
          />
        </div>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField
            label="Months"
            description="One or more, e.g. 2026-11, 2026-12"
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          />
          {kind === "acr" || kind === "newCustomer" ? (
            <FormField
              label={kind === "acr" ? "Eligible ACR per month (USD, negative removes)" : "Eligible ACR per month (USD)"}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          ) : null}
          {kind === "licences" || kind === "newCustomer" ? (
            <>
              <NativeSelect
                label="Workload"
                value={workload}
                onChange={(e) => setWorkload(e.target.value)}
                options={workloads.map((w) => ({ value: w, label: w }))}
              />
              <FormField
                label="Paid licences"
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                value={units}
                onChange={(e) => setUnits(e.target.value)}
              />
            </>
          ) : null}
        </div>
      )}
      <Button type="submit" size="sm" className="w-fit">
        Add change
      </Button>
    </form>
  );
}
