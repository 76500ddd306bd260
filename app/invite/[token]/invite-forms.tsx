"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { NameField, NewPasswordField } from "@/components/auth/fields";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import type { FormState } from "@/lib/form-state";
import { acceptInvitationAction, signUpWithInvitationAction } from "./actions";

export function AcceptForm({ token, orgName }: { token: string; orgName: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInvitationAction, null);
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="token" value={token} />
      <ActionMessage state={state} />
      <Button type="submit" disabled={pending}>
        Join {orgName}
      </Button>
    </form>
  );
}

export function InvitedSignUpForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpWithInvitationAction, null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} />
      <ActionMessage state={state} />
      <FormField label="E-mail address" name="email-display" value={email} readOnly disabled />
      <NameField state={state} />
      <NewPasswordField state={state} />
      <Button type="submit" disabled={pending}>
        Create account and join
      </Button>
    </form>
  );
}
