"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** One button: fill the organisation with sample data, or clear it again. */
export function SampleDataForm({ action, kind }: { action: Action; kind: "load" | "clear" }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-2">
      <Button type="submit" variant={kind === "load" ? "default" : "outline"} size="sm" disabled={pending}>
        {kind === "load"
          ? pending
            ? "Loading sample data…"
            : "Try it with sample data"
          : pending
            ? "Clearing…"
            : "Clear sample data"}
      </Button>
      <ActionMessage
        state={state}
        success={kind === "load" ? "Sample data is being imported." : "The sample data is cleared."}
      />
    </form>
  );
}
