"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Replace the months that already have data (or take a file whose months look wrong), or cancel the import. */
export function DecisionForm({
  action,
  importId,
  goOnLabel = "Replace those months",
}: {
  action: Action;
  importId: string;
  goOnLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="importId" value={importId} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="replace" disabled={pending}>
          {goOnLabel}
        </Button>
        <Button type="submit" name="decision" value="cancel" variant="outline" disabled={pending}>
          Cancel the import
        </Button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

/** One button that makes an earlier revision of a month the one in use. */
export function RollbackForm({ action, revisionId, label }: { action: Action; revisionId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-1">
      <input type="hidden" name="revisionId" value={revisionId} />
      <Button type="submit" size="sm" variant="outline" disabled={pending} aria-label={label}>
        Use this revision
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
