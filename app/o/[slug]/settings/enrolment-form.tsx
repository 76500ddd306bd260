"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";
import { setEnrolment } from "./actions";

export function EnrolmentForm({ slug, enrolledOn }: { slug: string; enrolledOn: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setEnrolment, null);
  return (
    <form action={action} className="grid max-w-md gap-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <ActionMessage state={state} success="Enrolment date saved." />
      <FormField
        label="Designation enrolment date"
        name="enrolledOn"
        type="date"
        defaultValue={state?.values.enrolledOn ?? enrolledOn ?? ""}
        description="The day Microsoft granted the designation. The dashboard shows the renewal date, its anniversary. Leave empty if not enrolled."
        error={fieldErrorsIn(state).enrolledOn}
      />
      <Button type="submit" className="w-fit" disabled={pending}>
        Save enrolment date
      </Button>
    </form>
  );
}
