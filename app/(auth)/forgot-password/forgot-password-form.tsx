"use client";

import { useActionState } from "react";
import Link from "next/link";
import { FormAlert } from "@/components/auth/form-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { forgotPasswordAction, type ForgotPasswordState } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotPasswordState, FormData>(forgotPasswordAction, null);
  if (state?.sentTo) {
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Check your inbox</AlertTitle>
        <AlertDescription>
          If {state.sentTo} has an account here, we sent it a link to choose a new password. The link works once, for 1
          hour.
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormAlert message={state?.message} />
      <FormField
        label="E-mail address"
        name="email"
        type="email"
        autoComplete="username"
        required
        maxLength={254}
        defaultValue={state?.values.email ?? ""}
        error={state?.fieldErrors?.email}
      />
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
