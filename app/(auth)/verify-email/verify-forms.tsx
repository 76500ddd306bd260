"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { resendVerificationAction, verifyEmailAction } from "./actions";

export function ResendVerificationForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(resendVerificationAction, null);
  return (
    <form action={action} className="grid gap-4">
      <ActionMessage state={state} />
      {state?.ok ? (
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
  const [state, action, pending] = useActionState<FormState, FormData>(verifyEmailAction.bind(null, token), null);
  return (
    <form action={action} className="grid gap-4">
      <ActionMessage state={state} />
      <Button type="submit" disabled={pending}>
        Confirm my e-mail address
      </Button>
    </form>
  );
}
