"use client";

import { useActionState } from "react";
import Link from "next/link";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormAlert message={state?.message} />
      <input type="hidden" name="callbackUrl" value={state?.values.callbackUrl ?? callbackUrl} />
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
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state?.fieldErrors?.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm text-muted-foreground">
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
      <p className="text-sm text-muted-foreground">
        New here?{" "}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-up">
          Create an account
        </Link>
      </p>
    </form>
  );
}
