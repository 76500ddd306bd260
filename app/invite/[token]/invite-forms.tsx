"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { acceptInvitationAction, signUpWithInvitationAction } from "./actions";

export function AcceptForm({ token, orgName }: { token: string; orgName: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(acceptInvitationAction, null);
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="token" value={token} />
      <FormAlert message={state?.message} />
      <Button type="submit" disabled={pending}>
        Join {orgName}
      </Button>
    </form>
  );
}

export function InvitedSignUpForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpWithInvitationAction, null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} />
      <FormAlert message={state?.message} />
      <FormField label="E-mail address" name="email-display" value={email} readOnly disabled />
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
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        description={`At least ${PASSWORD_MIN_LENGTH} characters; avoid common passwords.`}
        error={state?.fieldErrors?.password}
      />
      <Button type="submit" disabled={pending}>
        Create account and join
      </Button>
    </form>
  );
}
