"use client";

import { useActionState, useTransition } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { signOutAction } from "../../actions";
import { secondFactorAction } from "./actions";

export function TwoFactorSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(secondFactorAction, null);
  const [leaving, startLeaving] = useTransition();
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="callbackUrl" value={state?.values.callbackUrl ?? callbackUrl} />
      <FormField
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        required
        maxLength={40}
        description="6 digits from the app, or a recovery code such as abcde-fghij-kmnpq-rstuv."
        error={fieldErrorsIn(state).code}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </Button>
      <p className="text-sm text-muted-foreground">
        Not you?{" "}
        <Button
          type="button"
          variant="link"
          className="h-auto p-0"
          disabled={leaving}
          onClick={() =>
            startLeaving(async () => {
              // The half-finished sign-in is ended first; otherwise the sign-in page sends the person back here.
              await signOutAction();
              // eslint-disable-next-line @next/next/no-location-assign-relative-destination
              window.location.assign("/sign-in");
            })
          }
        >
          Sign in with another account
        </Button>
      </p>
    </form>
  );
}
