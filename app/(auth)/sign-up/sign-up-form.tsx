"use client";

import { useActionState } from "react";
import Link from "next/link";
import { ActionMessage } from "@/components/action-message";
import { EmailField, NameField, NewPasswordField } from "@/components/auth/fields";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const [state, action, pending] = useActionState<FormState<{ sentTo: string }>, FormData>(signUpAction, null);
  if (state?.ok) {
    // The same answer for a new address and one that already has an account (whose owner is mailed instead).
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Check your inbox</AlertTitle>
        <AlertDescription>
          <p>
            We sent an e-mail to {state.data.sentTo}. Follow its link to confirm your address, then sign in. The link
            works once, for 24 hours.
          </p>
          <p className="mt-2">
            Nothing arrived?{" "}
            <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-in">
              Sign in
            </Link>{" "}
            and ask for a new link.
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionMessage state={state} />
      <NameField state={state} />
      <EmailField state={state} autoComplete="email" />
      <FormField
        label="Organisation name"
        name="organizationName"
        autoComplete="organization"
        required
        maxLength={100}
        description="Your partner organisation. You can invite colleagues once it exists."
        defaultValue={state?.values.organizationName ?? ""}
        error={fieldErrorsIn(state).organizationName}
      />
      <NewPasswordField state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-in">
          Sign in
        </Link>
      </p>
    </form>
  );
}
