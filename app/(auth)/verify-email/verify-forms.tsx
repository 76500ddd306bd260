"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resendVerificationAction, verifyEmailAction, type ResendState } from "./actions";

export function ResendVerificationForm() {
  const [state, action, pending] = useActionState<ResendState, FormData>(resendVerificationAction, null);
  return (
    <form action={action} className="grid gap-4">
      <FormAlert message={state?.message} />
      {state?.sent ? (
        <Alert variant="success" role="status">
          <AlertDescription>A new link is on its way. Earlier links no longer work.</AlertDescription>
        </Alert>
      ) : null}
      <Button type="submit" variant="outline" disabled={pending}>
        {pending ? "Sending…" : "Resend the link"}
      </Button>
    </form>
  );
}

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(verifyEmailAction.bind(null, token), null);
  return (
    <form action={action} className="grid gap-4">
      <FormAlert message={state?.message} />
      <Button type="submit" disabled={pending}>
        Confirm my e-mail address
      </Button>
    </form>
  );
}
