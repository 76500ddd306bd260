"use client";

import { useActionState } from "react";
import Link from "next/link";
import { FormAlert } from "@/components/auth/form-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { signUpAction, type SignUpState } from "./actions";

export function SignUpForm() {
  const [state, action, pending] = useActionState<SignUpState, FormData>(signUpAction, null);
  if (state?.sentTo) {
    // The same answer for a new address and one that already has an account (whose owner is mailed instead).
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Check your inbox</AlertTitle>
        <AlertDescription>
          <p>
            We sent an e-mail to {state.sentTo}. Follow its link to confirm your address, then sign in. The link works
            once, for 24 hours.
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
      <FormAlert message={state?.message} />
      <FormField
        label="Your name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={state?.values.name ?? ""}
        error={state?.fieldErrors?.name}
      />
      <FormField
        label="E-mail address"
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        defaultValue={state?.values.email ?? ""}
        error={state?.fieldErrors?.email}
      />
      <FormField
        label="Organisation name"
        name="organizationName"
        autoComplete="organization"
        required
        maxLength={100}
        description="Your partner organisation. You can invite colleagues once it exists."
        defaultValue={state?.values.organizationName ?? ""}
        error={state?.fieldErrors?.organizationName}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        description={`At least ${PASSWORD_MIN_LENGTH} characters; avoid common passwords.`}
        error={state?.fieldErrors?.password}
      />
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
