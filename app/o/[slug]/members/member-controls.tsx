"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/org/action-message";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { roleLabels, roles, type Role } from "@/lib/permissions";
import type { FormState } from "@/lib/form-state";
import { changeMemberRole, leaveOrganization, removeMember } from "./actions";

type Member = { userId: string; name: string; role: Role };

/** An admin's controls for one member: change the role, or remove them. */
export function MemberControls({ slug, member }: { slug: string; member: Member }) {
  const [roleState, roleAction, rolePending] = useActionState<FormState, FormData>(changeMemberRole, null);
  const [removeState, removeAction, removePending] = useActionState<FormState, FormData>(removeMember, null);
  const [role, setRole] = useState<string>(roleState?.values.role ?? member.role);
  const [confirmOpen, setConfirmOpen] = useState(false);

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="userId" value={member.userId} />
          <Select name="role" value={role} onValueChange={setRole}>
            <SelectTrigger size="sm" aria-label={`Role of ${member.name}`}>
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
          <Button type="submit" size="sm" variant="outline" disabled={rolePending || role === member.role}>
            Save role
          </Button>
        </form>
        <Dialog open={confirmOpen} onOpenChange={setConfirmOpen}>
          <DialogTrigger asChild>
            <Button size="sm" variant="ghost" className="text-destructive">
              Remove
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Remove {member.name}?</DialogTitle>
              <DialogDescription>
                They lose access to this organisation at once. You can invite them again later.
              </DialogDescription>
            </DialogHeader>
            <form
              action={(fd) => {
                setConfirmOpen(false);
                removeAction(fd);
              }}
            >
              <input type="hidden" name="userId" value={member.userId} />
              <input type="hidden" name="slug" value={slug} />
              <DialogFooter>
                <DialogClose asChild>
                  <Button variant="outline">Cancel</Button>
                </DialogClose>
                <Button type="submit" variant="destructive" disabled={removePending}>
                  Remove member
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        </Dialog>
      </div>
      <ActionMessage state={roleState} success="Role updated." />
      <ActionMessage state={removeState} />
    </div>
  );
}

export function LeaveOrganization({ slug, orgName }: { slug: string; orgName: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(leaveOrganization, null);
  const [open, setOpen] = useState(false);
  return (
    <div className="grid gap-3">
      <ActionMessage state={state} />
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button variant="outline" className="w-fit">
            Leave organisation
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Leave {orgName}?</DialogTitle>
            <DialogDescription>You lose access at once; an admin has to invite you to come back.</DialogDescription>
          </DialogHeader>
          <form
            action={(fd) => {
              setOpen(false);
              action(fd);
            }}
          >
            <input type="hidden" name="slug" value={slug} />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Stay</Button>
              </DialogClose>
              <Button type="submit" variant="destructive" disabled={pending}>
                Leave
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
