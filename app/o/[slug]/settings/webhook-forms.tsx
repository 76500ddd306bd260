"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { deleteWebhook, saveWebhook, testWebhook } from "./webhook-actions";

/** URL of the webhook; saving generates a new signing secret, shown here once. */
export function WebhookForm({ slug, url }: { slug: string; url: string | null }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(saveWebhook, null);
  const secret = state?.ok ? (state.data as { secret: string }).secret : null;
  const fieldError = fieldErrorsIn(state).url;
  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="slug" value={slug} />
      <label htmlFor="webhook-url" className="text-sm font-medium">
        Webhook URL
      </label>
      <Input
        id="webhook-url"
        name="url"
        type="url"
        required
        defaultValue={state?.values?.url ?? url ?? ""}
        placeholder="https://example.com/hooks/pcp"
        aria-invalid={fieldError ? true : undefined}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {url ? "Save and generate a new signing secret" : "Save the webhook"}
        </Button>
      </div>
      {secret ? (
        <div role="status" className="grid gap-1 rounded-md border p-3 text-sm">
          <p>The signing secret, shown this once: copy it into the receiving system.</p>
          <code aria-label="Signing secret" className="break-all">
            {secret}
          </code>
        </div>
      ) : null}
      <ActionMessage state={state} />
    </form>
  );
}

export function WebhookButtons({ slug }: { slug: string }) {
  const [testState, testAction, testing] = useActionState<FormState, FormData>(testWebhook, null);
  const [deleteState, deleteAction, deleting] = useActionState<FormState, FormData>(deleteWebhook, null);
  return (
    <div className="flex flex-wrap gap-2">
      <form action={testAction}>
        <input type="hidden" name="slug" value={slug} />
        <Button type="submit" variant="outline" disabled={testing}>
          Send a test event
        </Button>
        <ActionMessage state={testState} success="Test event queued: see the delivery log." />
      </form>
      <form action={deleteAction}>
        <input type="hidden" name="slug" value={slug} />
        <Button type="submit" variant="outline" disabled={deleting}>
          Remove the webhook
        </Button>
        <ActionMessage state={deleteState} />
      </form>
    </div>
  );
}
