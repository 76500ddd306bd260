"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { NewPasswordFields } from "@/components/auth/fields";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resetPasswordAction.bind(null, token), null);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionMessage state={state} />
      <NewPasswordFields state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
