"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button, buttonVariants } from "@/components/ui/button";
import { roleLabels, roles, type Role } from "@/lib/permissions";
import type { FormState } from "@/lib/form-state";
import { cn } from "@/lib/utils";
import { changeMemberRole, leaveOrganization, removeMember } from "./actions";

type Member = { userId: string; name: string; role: Role };

/**
 * An admin's controls for one member: change the role, or remove them. Both are plain forms posting server actions
 * (a native <select>, and a <details> disclosure for the confirmation rather than a script-driven dialog), so they
 * work before the page's script has loaded and without JavaScript at all: the POST answers with the page.
 */
export function MemberControls({ slug, member }: { slug: string; member: Member }) {
  const [roleState, roleAction, rolePending] = useActionState<FormState, FormData>(changeMemberRole, null);
  const [removeState, removeAction, removePending] = useActionState<FormState, FormData>(removeMember, null);
  // React resets an uncontrolled form after its action: the value the person chose is echoed back from the state.
  const chosen = roleState?.values.role ?? member.role;

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="userId" value={member.userId} />
          <select
            key={chosen}
            name="role"
            defaultValue={chosen}
            aria-label={`Role of ${member.name}`}
            className="h-8 rounded-md border border-input bg-background px-2 text-sm shadow-xs focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none dark:bg-input/30"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="outline" disabled={rolePending}>
            Save role
          </Button>
        </form>
        <ConfirmDisclosure
          label="Remove"
          question={`Remove ${member.name}?`}
          detail="They lose access to this organisation at once. You can invite them again later."
        >
          <form action={removeAction}>
            <input type="hidden" name="userId" value={member.userId} />
            <input type="hidden" name="slug" value={slug} />
            <Button type="submit" size="sm" variant="destructive" disabled={removePending}>
              Remove member
            </Button>
          </form>
        </ConfirmDisclosure>
      </div>
      <ActionMessage state={roleState} success="Role updated." />
      <ActionMessage state={removeState} />
    </div>
  );
}

export function LeaveOrganization({ slug, orgName }: { slug: string; orgName: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(leaveOrganization, null);
  return (
    <div className="grid gap-3">
      <ActionMessage state={state} />
      <ConfirmDisclosure
        label="Leave organisation"
        question={`Leave ${orgName}?`}
        detail="You lose access at once; an admin has to invite you to come back."
        variant="outline"
      >
        <form action={action}>
          <input type="hidden" name="slug" value={slug} />
          <Button type="submit" size="sm" variant="destructive" disabled={pending}>
            Leave
          </Button>
        </form>
      </ConfirmDisclosure>
    </div>
  );
}

/** A destructive step behind a second click, using the browser's own disclosure so it needs no script. */
function ConfirmDisclosure({
  label,
  question,
  detail,
  variant = "ghost",
  children,
}: {
  label: string;
  question: string;
  detail: string;
  variant?: "ghost" | "outline";
  children: React.ReactNode;
}) {
  return (
    <details className="group">
      <summary
        className={cn(
          buttonVariants({ size: "sm", variant }),
          "list-none [&::-webkit-details-marker]:hidden",
          variant === "ghost" && "text-destructive",
        )}
      >
        {label}
      </summary>
      <div role="group" aria-label={question} className="mt-2 grid max-w-xs gap-2 rounded-md border p-3 text-sm">
        <p className="font-medium">{question}</p>
        <p className="text-muted-foreground">{detail}</p>
        <div className="flex gap-2">{children}</div>
      </div>
    </details>
  );
}
