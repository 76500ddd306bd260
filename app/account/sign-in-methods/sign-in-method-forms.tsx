"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { linkMicrosoftAction, unlinkMicrosoftAction } from "./actions";

export function LinkMicrosoftForm({ askPassword }: { askPassword: boolean }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(linkMicrosoftAction, null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormAlert message={state?.message} />
      {askPassword ? (
        <FormField
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          description="Confirm it is you before adding a way to sign in."
          error={state?.fieldErrors?.password}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        Link a Microsoft account
      </Button>
    </form>
  );
}

export function UnlinkForm({ identityId, label }: { identityId: string; label: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(unlinkMicrosoftAction, null);
  return (
    <form action={action} className="grid gap-2">
      <FormAlert message={state?.message} />
      <input type="hidden" name="identityId" value={identityId} />
      <Button type="submit" variant="outline" size="sm" disabled={pending} aria-label={`Unlink ${label}`}>
        Unlink
      </Button>
    </form>
  );
}
