"use client";

import { useActionState } from "react";
import { CircleCheck } from "lucide-react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { changePasswordAction } from "./actions";

export function PasswordForm({ changed }: { changed: boolean }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(changePasswordAction, null);
  return (
    <form action={action} className="grid max-w-md gap-4" noValidate>
      {changed && !state ? (
        <Alert variant="success" role="status">
          <CircleCheck aria-hidden="true" />
          <AlertDescription>Password changed. You have been signed out everywhere else.</AlertDescription>
        </Alert>
      ) : null}
      <FormAlert message={state?.message} />
      <FormField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={state?.fieldErrors?.currentPassword}
      />
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
      <Button type="submit" className="w-fit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
