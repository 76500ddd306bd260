"use client";

import { useActionState } from "react";
import { CircleCheck } from "lucide-react";
import { ActionMessage } from "@/components/action-message";
import { CurrentPasswordField, NewPasswordFields } from "@/components/auth/fields";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { changePasswordAction } from "./actions";

export function PasswordForm({ changed }: { changed: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, null);
  return (
    <form action={action} className="grid max-w-md gap-4" noValidate>
      {changed && !state ? (
        <Alert variant="success" role="status">
          <CircleCheck aria-hidden="true" />
          <AlertDescription>Password changed. You have been signed out everywhere else.</AlertDescription>
        </Alert>
      ) : null}
      <ActionMessage state={state} />
      <CurrentPasswordField state={state} label="Current password" name="currentPassword" />
      <NewPasswordFields state={state} />
      <Button type="submit" className="w-fit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
