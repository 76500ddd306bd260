"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { createOrganizationAction } from "./actions";

export function NewOrgForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(createOrganizationAction, null);
  return (
    <form action={action} className="grid max-w-md gap-4" noValidate>
      <FormAlert message={state?.message} />
      <FormField
        label="Organisation name"
        name="name"
        required
        maxLength={100}
        defaultValue={state?.values.name ?? ""}
        error={state?.fieldErrors?.name}
      />
      <Button type="submit" className="w-fit" disabled={pending}>
        Create organisation
      </Button>
    </form>
  );
}
