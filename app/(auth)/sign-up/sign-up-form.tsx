"use client";

import { useActionState } from "react";
import Link from "next/link";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { signUpAction } from "../actions";

export function SignUpForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, null);
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
