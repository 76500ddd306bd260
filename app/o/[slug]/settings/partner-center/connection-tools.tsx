"use client";

import { useActionState } from "react";
import { removeConnection, testConnection } from "./actions";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";

/** "Test connection" (says exactly what failed) and "Remove connection". */
export function ConnectionTools({ slug, disabled }: { slug: string; disabled: boolean }) {
  const [tested, test, testing] = useActionState<FormState, FormData>(testConnection, null);
  const [removed, remove, removing] = useActionState<FormState, FormData>(removeConnection, null);
  const message = tested?.ok ? (tested.data as { message: string }).message : undefined;
  return (
    <div className="grid gap-4">
      <form action={test} className="grid gap-2">
        <input type="hidden" name="slug" value={slug} />
        <ActionMessage state={tested} success={message} />
        <Button type="submit" variant="outline" className="w-fit" disabled={testing || disabled}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
      </form>
      <form action={remove} className="grid gap-2">
        <input type="hidden" name="slug" value={slug} />
        <ActionMessage state={removed} success="Connection removed." />
        <Button type="submit" variant="destructive" className="w-fit" disabled={removing}>
          Remove connection
        </Button>
      </form>
    </div>
  );
}
