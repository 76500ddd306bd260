"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { setRefreshEmail } from "./actions";

/** One organisation's "e-mail me after each data refresh" switch. */
export function RefreshEmailForm({ slug, name, on }: { slug: string; name: string; on: boolean }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(setRefreshEmail, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="afterRefresh" value={on ? "false" : "true"} />
      <span className="min-w-48 font-medium">{name}</span>
      <span className="text-sm text-muted-foreground">{on ? "E-mail after each data refresh" : "No e-mails"}</span>
      {/* The label names the organisation, so it may wrap on a phone rather than widen the page. */}
      <Button
        type="submit"
        size="sm"
        variant={on ? "outline" : "default"}
        disabled={pending}
        className="h-auto min-h-8 max-w-full py-1.5 text-left whitespace-normal"
      >
        {on ? `Stop e-mails for ${name}` : `E-mail me after each refresh of ${name}`}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
