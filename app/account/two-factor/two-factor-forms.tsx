"use client";

import { useActionState } from "react";
import Link from "next/link";
import { ActionMessage } from "@/components/action-message";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import type { FormState } from "@/lib/form-state";
import type { TwoFactorResult } from "./actions";

type Action = (prev: FormState<TwoFactorResult>, formData: FormData) => Promise<FormState<TwoFactorResult>>;

/** The recovery codes, shown once right after they are made. */
function RecoveryCodes({ codes, required }: { codes: string[]; required: string }) {
  return (
    <div className="grid gap-3">
      <Alert variant="success" role="status">
        <AlertDescription>
          Two-factor authentication is on. Keep these recovery codes somewhere safe: each one works once if you lose
          your phone. They are not shown again.
        </AlertDescription>
      </Alert>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 rounded-md border p-3 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {required ? (
        <Button asChild className="w-fit">
          <Link href={`/o/${required}`}>Continue to the organisation</Link>
        </Button>
      ) : null}
    </div>
  );
}

/** One code field and a button, for confirming the set-up, new recovery codes, turning off, or this session. */
export function CodeForm({
  action,
  submit,
  required = "",
  variant = "default",
  label = "Authentication code",
}: {
  action: Action;
  submit: string;
  required?: string;
  variant?: "default" | "destructive" | "outline";
  label?: string;
}) {
  const [state, formAction, pending] = useActionState<FormState<TwoFactorResult>, FormData>(action, null);
  if (state?.ok) return <RecoveryCodes codes={state.data.recoveryCodes} required={required} />;
  return (
    <form action={formAction} className="grid max-w-sm gap-3" noValidate>
      <ActionMessage state={state} />
      <input type="hidden" name="required" value={required} />
      <FormField label={label} name="code" autoComplete="one-time-code" required maxLength={40} />
      <Button type="submit" variant={variant} className="w-fit" disabled={pending}>
        {submit}
      </Button>
    </form>
  );
}
