"use client";

import { useActionState } from "react";
import Link from "next/link";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { secondFactorAction } from "./actions";

export function TwoFactorSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(secondFactorAction, null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormAlert message={state?.message} />
      <input type="hidden" name="callbackUrl" value={state?.values.callbackUrl ?? callbackUrl} />
      <FormField
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        required
        maxLength={40}
        description="6 digits from the app, or a recovery code such as abcde-fghij-kmnpq-rstuv."
        error={state?.fieldErrors?.code}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </Button>
      <p className="text-sm text-muted-foreground">
        Not you?{" "}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-in">
          Sign in with another account
        </Link>
      </p>
    </form>
  );
}
