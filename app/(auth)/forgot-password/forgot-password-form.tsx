"use client";

import { useActionState } from "react";
import Link from "next/link";
import { ActionMessage } from "@/components/action-message";
import { EmailField } from "@/components/auth/fields";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<FormState<{ sentTo: string }>, FormData>(forgotPasswordAction, null);
  if (state?.ok) {
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Check your inbox</AlertTitle>
        <AlertDescription>
          If {state.data.sentTo} has an account here, we sent it a link to choose a new password. The link works once,
          for 1 hour.
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionMessage state={state} />
      <EmailField state={state} autoComplete="username" />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
      <p className="text-sm text-muted-foreground">
        Remembered it?{" "}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-in">
          Sign in
        </Link>
      </p>
    </form>
  );
}
