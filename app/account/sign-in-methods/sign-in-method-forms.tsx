"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { CurrentPasswordField } from "@/components/auth/fields";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { linkMicrosoftAction, unlinkMicrosoftAction } from "./actions";

export function LinkMicrosoftForm({ askPassword }: { askPassword: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(linkMicrosoftAction, null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionMessage state={state} />
      {askPassword ? (
        <CurrentPasswordField
          state={state}
          label="Your password"
          description="Confirm it is you before adding a way to sign in."
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        Link a Microsoft account
      </Button>
    </form>
  );
}

export function UnlinkForm({ identityId, label }: { identityId: string; label: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(unlinkMicrosoftAction, null);
  return (
    <form action={action} className="grid gap-2">
      <ActionMessage state={state} />
      <input type="hidden" name="identityId" value={identityId} />
      <Button type="submit" variant="outline" size="sm" disabled={pending} aria-label={`Unlink ${label}`}>
        Unlink
      </Button>
    </form>
  );
}
