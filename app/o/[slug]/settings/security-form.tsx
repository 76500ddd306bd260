"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { requireTwoFactor } from "./security-actions";

/** The organisation's two-factor rule: one checkbox and a save button (works without JavaScript too). */
export function SecurityForm({ slug, required }: { slug: string; required: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(requireTwoFactor.bind(null, slug), null);
  return (
    <form action={action} className="grid max-w-xl gap-4">
      <ActionMessage state={state} />
      <input type="hidden" name="required" value="false" />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="required" value="true" defaultChecked={required} className="mt-1" />
        <span>
          Require two-factor authentication for every member. Members who sign in with a password and have no
          authenticator app are asked to set one up before they see this organisation (you too). Microsoft sign-in
          counts as two-factor: your Entra ID policies apply there.
        </span>
      </label>
      <Button type="submit" className="w-fit" disabled={pending}>
        Save
      </Button>
    </form>
  );
}
