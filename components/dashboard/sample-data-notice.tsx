import { FlaskConical } from "lucide-react";
import { AutoRefresh } from "@/components/imports/auto-refresh";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { FormState } from "@/lib/form-state";
import { SampleDataForm } from "./sample-data-form";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Says the organisation shows sample data (or is loading it), with the one-click way out for admins. */
export function SampleDataNotice({ loading, clearAction }: { loading: boolean; clearAction: Action | null }) {
  return (
    <Alert data-testid="sample-data-notice">
      <FlaskConical aria-hidden="true" />
      <AlertTitle>{loading ? "Loading sample data…" : "You are looking at sample data"}</AlertTitle>
      <AlertDescription>
        <AutoRefresh active={loading} intervalMs={2000} />
        <p>
          {loading
            ? "Generated Azure usage and Microsoft 365 licence exports are going through the import. This page updates when they are in."
            : "40 generated customer tenants over 24 months, imported like real exports. Clear them before importing your own files."}
        </p>
        {clearAction && !loading ? (
          <div className="mt-2">
            <SampleDataForm kind="clear" action={clearAction} />
          </div>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
