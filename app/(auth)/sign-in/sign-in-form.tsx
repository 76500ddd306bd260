"use client";

import { useActionState } from "react";
import Link from "next/link";
import { ActionMessage } from "@/components/action-message";
import { CurrentPasswordField, EmailField } from "@/components/auth/fields";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="callbackUrl" value={state?.values.callbackUrl ?? callbackUrl} />
      <EmailField state={state} autoComplete="username" />
      <CurrentPasswordField state={state} />
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
