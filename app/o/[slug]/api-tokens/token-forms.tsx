"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { createApiToken, revokeApiToken } from "./actions";

const EXPIRIES = [
  ["30", "In 30 days"],
  ["90", "In 90 days"],
  ["365", "In a year"],
  ["never", "Never (revoke it when no longer needed)"],
] as const;

/** Creates a token; the secret is shown here once, in the answer to the form, and never again. */
export function CreateTokenForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createApiToken, null);
  const [role, setRole] = useState(state?.values.role ?? "viewer");
  const [expires, setExpires] = useState(state?.values.expiresInDays ?? "90");
  const created = state?.ok ? (state.data as { secret: string; name: string }) : null;
  return (
    <div className="grid gap-4">
      {created ? (
        <div className="grid gap-2 rounded-md border border-emerald-600/40 bg-emerald-50 p-4 dark:bg-emerald-950/30">
          <p className="text-sm font-medium">
            Token “{created.name}” created. Copy it now: it is shown only once, and the portal keeps only its hash.
          </p>
          <code data-testid="new-api-token" className="font-mono text-sm break-all select-all">
            {created.secret}
          </code>
        </div>
      ) : null}
      <form action={action} className="grid max-w-md gap-4" noValidate>
        <input type="hidden" name="slug" value={slug} />
        {state && !state.ok ? <ActionMessage state={state} success="" /> : null}
        <FormField
          label="Name"
          name="name"
          required
          maxLength={100}
          defaultValue={state && !state.ok ? state.values.name : ""}
          description="What uses it, e.g. Power BI refresh."
          error={fieldErrorsIn(state).name}
        />
        <div className="grid gap-2">
          <Label htmlFor="token-role">Role</Label>
          <Select name="role" value={role} onValueChange={setRole}>
            <SelectTrigger
              id="token-role"
              className="w-full min-w-0 *:data-[slot=select-value]:min-w-0 *:data-[slot=select-value]:overflow-hidden"
              aria-label="Role"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="viewer">Viewer: reads every number</SelectItem>
              <SelectItem value="analyst">Analyst: also uploads files</SelectItem>
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="token-expiry">Expires</Label>
          <Select name="expiresInDays" value={expires} onValueChange={setExpires}>
            <SelectTrigger id="token-expiry" className="w-full min-w-0" aria-label="Expires">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {EXPIRIES.map(([value, label]) => (
                <SelectItem key={value} value={value}>
                  {label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <Button type="submit" className="w-fit" disabled={pending}>
          Create token
        </Button>
      </form>
    </div>
  );
}

export function RevokeTokenForm({ slug, tokenId, name }: { slug: string; tokenId: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeApiToken, null);
  return (
    <form action={action} className="grid gap-1">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="tokenId" value={tokenId} />
      {state && !state.ok ? <ActionMessage state={state} success="" /> : null}
      <Button type="submit" size="sm" variant="outline" disabled={pending} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    </form>
  );
}
