"use client";

import { useActionState } from "react";
import { saveConnection } from "./actions";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";

type Saved = { tenantId: string; clientId: string; replaceMode: string; azureQuery: string; m365Query: string };

/**
 * The connection's settings. The client secret field is always empty: when one is stored the form says so, and
 * typing a new one replaces it.
 */
export function ConnectionForm({
  slug,
  saved,
  disabled,
  defaults,
}: {
  slug: string;
  saved: Saved | null;
  disabled: boolean;
  defaults: { azure: string; m365: string };
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveConnection, null);
  const value = (name: keyof Saved) => state?.values[name] ?? saved?.[name] ?? "";
  const errors = fieldErrorsIn(state);
  const mode = value("replaceMode") || "ask";
  return (
    <form action={action} className="grid max-w-3xl gap-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <ActionMessage state={state} success="Connection saved." />
      <FormField
        label="Directory (tenant) id"
        name="tenantId"
        required
        autoComplete="off"
        defaultValue={value("tenantId")}
        error={errors.tenantId}
        disabled={disabled}
      />
      <FormField
        label="Application (client) id"
        name="clientId"
        required
        autoComplete="off"
        defaultValue={value("clientId")}
        error={errors.clientId}
        disabled={disabled}
      />
      <FormField
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="new-password"
        required={!saved}
        placeholder={saved ? "A secret is stored" : ""}
        description={
          saved
            ? "A secret is stored. It is never shown again; enter a new one to replace it, or leave this empty."
            : "The secret's value from the app registration. It is stored encrypted and never shown again."
        }
        error={errors.clientSecret}
        disabled={disabled}
      />
      <fieldset className="grid gap-2" disabled={disabled}>
        <legend className="text-sm font-medium">When fetched months already have data</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="replaceMode" value="ask" defaultChecked={mode === "ask"} className="mt-1" />
          <span>Ask: the import waits for an admin or analyst to replace or cancel, as an upload does.</span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="replaceMode" value="replace" defaultChecked={mode === "replace"} className="mt-1" />
          <span>Replace automatically: connector runs put Partner Center&apos;s latest figures in use.</span>
        </label>
      </fieldset>
      <div className="grid gap-2">
        <Label htmlFor="azureQuery">Azure usage query (leave empty for the default)</Label>
        <Textarea
          id="azureQuery"
          name="azureQuery"
          rows={3}
          placeholder={defaults.azure}
          defaultValue={value("azureQuery")}
          disabled={disabled}
          aria-invalid={errors.azureQuery ? true : undefined}
        />
        {errors.azureQuery ? <p className="text-sm text-destructive">{errors.azureQuery.join(" ")}</p> : null}
      </div>
      <div className="grid gap-2">
        <Label htmlFor="m365Query">Microsoft 365 licences query (leave empty for the default)</Label>
        <Textarea
          id="m365Query"
          name="m365Query"
          rows={3}
          placeholder={defaults.m365}
          defaultValue={value("m365Query")}
          disabled={disabled}
          aria-invalid={errors.m365Query ? true : undefined}
        />
        {errors.m365Query ? <p className="text-sm text-destructive">{errors.m365Query.join(" ")}</p> : null}
      </div>
      <Button type="submit" className="w-fit" disabled={pending || disabled}>
        Save connection
      </Button>
    </form>
  );
}
