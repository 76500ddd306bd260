"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export function DeleteMappingForm({ action, mappingId }: { action: Action; mappingId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-1">
      <input type="hidden" name="mappingId" value={mappingId} />
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        Delete
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
