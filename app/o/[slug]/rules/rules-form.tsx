"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { NativeSelect } from "@/components/snapshots/native-select";
import { FormMessage } from "@/components/ui/form-field";
import { Button } from "@/components/ui/button";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { changeRules } from "./actions";

type Option = { value: string; label: string };

/** Admins only: rule set and M365 basis. Saving queues a recompute of every snapshot. */
export function RulesForm({
  slug,
  ruleSet,
  m365Basis,
  ruleSets,
  bases,
}: {
  slug: string;
  ruleSet: string;
  m365Basis: string;
  ruleSets: Option[];
  bases: Option[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeRules, null);
  const errors = fieldErrorsIn(state);
  const saved = state?.ok
    ? (state.data as { changed: boolean }).changed
      ? "Rules saved. Every snapshot is being recomputed with them."
      : "Nothing changed."
    : undefined;
  return (
    <form action={action} className="grid max-w-xl gap-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <ActionMessage state={state} success={saved} />
      <div className="grid gap-1">
        <NativeSelect
          label="Rule set"
          name="ruleSet"
          defaultValue={state?.values.ruleSet ?? ruleSet}
          options={ruleSets}
        />
        <FormMessage id="rule-set-error" messages={errors.ruleSet ?? []} />
      </div>
      <div className="grid gap-1">
        <NativeSelect
          label="Microsoft 365 basis"
          name="m365Basis"
          defaultValue={state?.values.m365Basis ?? m365Basis}
          options={bases}
        />
        <FormMessage id="basis-error" messages={errors.m365Basis ?? []} />
      </div>
      <p className="text-sm text-muted-foreground">
        Saving recomputes every snapshot with the new settings (earlier versions are kept). The change is recorded in
        the audit log.
      </p>
      <Button type="submit" className="w-fit" disabled={pending}>
        Save rules
      </Button>
    </form>
  );
}
