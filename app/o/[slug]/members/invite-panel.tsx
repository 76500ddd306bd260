"use client";

import { useActionState, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { ActionMessage } from "@/components/action-message";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { fieldErrorsIn } from "@/lib/form-state";
import { roleLabels, roles, type Role } from "@/lib/permissions";
import { createInvitation, resendInvitation, revokeInvitation, type InviteState } from "./invitation-actions";

export type OpenInvitation = { id: string; email: string; role: Role; expiresAt: string; expired: boolean };

function Delivery({ state }: { state: InviteState }) {
  const d = state?.ok ? state.data.delivery : undefined;
  if (!d) return null;
  return d.emailed ? (
    <Alert variant="success" role="status">
      <AlertDescription>Invitation e-mailed to {d.email}.</AlertDescription>
    </Alert>
  ) : !d.link ? (
    <Alert variant="info" role="status">
      <AlertTitle>No e-mail was sent</AlertTitle>
      <AlertDescription>
        The mail server did not accept the invitation to {d.email}. Try &ldquo;Resend&rdquo; in a moment.
      </AlertDescription>
    </Alert>
  ) : (
    <Alert variant="info" role="status">
      <AlertTitle>No e-mail was sent</AlertTitle>
      <AlertDescription>
        <p>E-mail is not set up on this portal. Send {d.email} this link yourself. It works once, for 7 days:</p>
        <div className="grid gap-2">
          <code
            data-testid="invitation-link"
            className="rounded bg-muted px-1 py-0.5 text-xs break-all text-foreground"
          >
            {d.link}
          </code>
          <div>
            <CopyButton text={d.link ?? ""} label="Copy invitation link" />
          </div>
        </div>
      </AlertDescription>
    </Alert>
  );
}

/** Invite colleagues and manage open invitations (permission "invitations.manage"). */
export function InvitePanel({ slug, open }: { slug: string; open: OpenInvitation[] }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(createInvitation, null);
  const [role, setRole] = useState<string>("viewer");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite colleagues</CardTitle>
        <CardDescription>They receive a link that works once, for 7 days.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form action={action} className="grid gap-4 sm:grid-cols-[1fr_auto_auto] sm:items-end" noValidate>
          <input type="hidden" name="slug" value={slug} />
          <FormField
            label="E-mail address"
            name="email"
            type="email"
            required
            maxLength={254}
            defaultValue={state && !state.ok ? state.values.email : ""}
            error={fieldErrorsIn(state).email}
          />
          <div className="grid gap-2">
            <Label htmlFor="invite-role">Role</Label>
            <Select name="role" value={role} onValueChange={setRole}>
              <SelectTrigger id="invite-role">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {roles.map((r) => (
                  <SelectItem key={r} value={r}>
                    {roleLabels[r]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <Button type="submit" disabled={pending}>
            Send invitation
          </Button>
        </form>
        {state && !state.ok && !state.fieldErrors ? <ActionMessage state={state} /> : null}
        <Delivery state={state} />
        {open.length > 0 ? (
          <section aria-labelledby="open-invitations" className="grid gap-2">
            <h3 id="open-invitations" className="text-sm font-medium">
              Open invitations
            </h3>
            <ul className="divide-y rounded-md border">
              {open.map((inv) => (
                <OpenInvitationRow key={inv.id} slug={slug} inv={inv} />
              ))}
            </ul>
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}

function OpenInvitationRow({ slug, inv }: { slug: string; inv: OpenInvitation }) {
  const [resendState, resend, resending] = useActionState<InviteState, FormData>(resendInvitation, null);
  const [revokeState, revoke, revoking] = useActionState<InviteState, FormData>(revokeInvitation, null);
  return (
    <li className="grid gap-2 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-medium">{inv.email}</span>
        <span className="text-sm text-muted-foreground">{roleLabels[inv.role]}</span>
        <span className="text-sm text-muted-foreground">
          {inv.expired ? "Expired" : `Valid until ${inv.expiresAt.slice(0, 10)}`}
        </span>
        <div className="ml-auto flex gap-2">
          <form action={resend}>
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="invitationId" value={inv.id} />
            <Button type="submit" size="sm" variant="outline" disabled={resending}>
              Resend
            </Button>
          </form>
          <form action={revoke}>
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="invitationId" value={inv.id} />
            <Button type="submit" size="sm" variant="ghost" className="text-destructive" disabled={revoking}>
              Revoke
            </Button>
          </form>
        </div>
      </div>
      <Delivery state={resendState} />
      {resendState && !resendState.ok ? <ActionMessage state={resendState} /> : null}
      {revokeState && !revokeState.ok ? <ActionMessage state={revokeState} /> : null}
    </li>
  );
}
