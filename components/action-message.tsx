import { CircleAlert, CircleCheck } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import type { FormState } from "@/lib/form-state";

/**
 * The outcome of any form (organisation action or account form), announced to screen readers: the failure's
 * message, or `success` when given. A failure with only field messages shows nothing here (the fields do).
 */
export function ActionMessage({ state, success }: { state: FormState; success?: string }) {
  if (!state) return null;
  if (state.ok) {
    return success ? (
      <Alert variant="success" role="status">
        <CircleCheck aria-hidden="true" />
        <AlertDescription>{success}</AlertDescription>
      </Alert>
    ) : null;
  }
  if (!state.message) return null;
  return (
    <Alert variant="destructive" role="alert">
      <CircleAlert aria-hidden="true" />
      <AlertDescription>{state.message}</AlertDescription>
    </Alert>
  );
}
