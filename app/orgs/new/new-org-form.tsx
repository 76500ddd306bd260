"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { createOrganizationAction } from "./actions";

export function NewOrgForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createOrganizationAction, null);
  return (
    <form action={action} className="grid max-w-md gap-4" noValidate>
      <ActionMessage state={state} />
      <FormField
        label="Organisation name"
        name="name"
        required
        maxLength={100}
        defaultValue={state?.values.name ?? ""}
        error={fieldErrorsIn(state).name}
      />
      <Button type="submit" className="w-fit" disabled={pending}>
        Create organisation
      </Button>
    </form>
  );
}
