"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { renameOrganization } from "./actions";

export function RenameForm({ slug, name }: { slug: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(renameOrganization, null);
  return (
    <form action={action} className="grid max-w-md gap-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <ActionMessage state={state} success="Organisation renamed." />
      <FormField
        label="Organisation name"
        name="name"
        required
        maxLength={100}
        defaultValue={state?.values.name ?? name}
        description={`The address stays /o/${slug}, so existing links keep working.`}
        error={fieldErrorsIn(state).name}
      />
      <Button type="submit" className="w-fit" disabled={pending}>
        Save name
      </Button>
    </form>
  );
}
