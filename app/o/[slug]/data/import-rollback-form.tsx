"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** One button that rolls back every month of one import. */
export function ImportRollbackForm({ action, importId, label }: { action: Action; importId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-1">
      <input type="hidden" name="importId" value={importId} />
      <Button type="submit" size="sm" variant="outline" disabled={pending || state?.ok} aria-label={label}>
        {state?.ok ? "Rolled back" : "Roll back this import"}
      </Button>
      <ActionMessage state={state} success="Rolled back. The snapshots that read these months are being recomputed." />
    </form>
  );
}
