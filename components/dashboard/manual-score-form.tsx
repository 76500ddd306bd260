"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/action-message";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { MANUAL_METRICS, METRIC_LABELS, METRIC_MAXIMUM, TRACK_LABELS } from "@/lib/pcs-total";
import type { Track } from "@/lib/scoring";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Skilling, Deployments and Usage growth for one track and month; an empty field clears the metric. */
export function ManualScoreForm({
  action,
  month,
  track,
  current,
}: {
  action: Action;
  month: string;
  track: Track;
  current: Record<(typeof MANUAL_METRICS)[number], number | null>;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null);
  const errors = fieldErrorsIn(state);
  return (
    <form
      action={formAction}
      className="grid gap-3"
      noValidate
      aria-label={`Points entered by hand, ${TRACK_LABELS[track]}`}
    >
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="track" value={track} />
      <ActionMessage state={state} success="Points saved." />
      <div className="grid gap-3 sm:grid-cols-3">
        {MANUAL_METRICS.map((metric) => (
          <FormField
            key={metric}
            label={`${METRIC_LABELS[metric]} (${TRACK_LABELS[track]}, max ${METRIC_MAXIMUM[metric]})`}
            name={metric}
            type="number"
            inputMode="numeric"
            min={0}
            max={METRIC_MAXIMUM[metric]}
            step={1}
            defaultValue={state?.values[metric] ?? current[metric] ?? ""}
            error={errors[metric]}
          />
        ))}
      </div>
      <p className="text-xs text-muted-foreground">
        Leave a field empty to clear it. Each change is recorded in the audit log.
      </p>
      <Button type="submit" size="sm" className="w-fit" disabled={pending}>
        Save {TRACK_LABELS[track]} points
      </Button>
    </form>
  );
}
