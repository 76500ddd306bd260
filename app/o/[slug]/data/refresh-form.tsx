"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { refreshNow } from "./actions";

/** "Refresh now": asks Partner Center for this month's files; a run already going is joined. */
export function RefreshForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(refreshNow, null);
  const joined = state?.ok && (state.data as { joined: boolean }).joined;
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="slug" value={slug} />
      <ActionMessage
        state={state}
        success={
          joined
            ? "A refresh is already running; this page shows its progress."
            : "Refresh started. Partner Center prepares the reports; reload this page to follow it."
        }
      />
      <Button type="submit" className="w-fit" disabled={pending}>
        Refresh now
      </Button>
    </form>
  );
}
