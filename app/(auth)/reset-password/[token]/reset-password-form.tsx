"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(resetPasswordAction.bind(null, token), null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormAlert message={state?.message} />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        description={`At least ${PASSWORD_MIN_LENGTH} characters; avoid common passwords.`}
        error={state?.fieldErrors?.newPassword}
      />
      <FormField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={state?.fieldErrors?.confirmPassword}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
