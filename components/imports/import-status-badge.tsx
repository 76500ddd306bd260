import { Badge } from "@/components/ui/badge";
import type { Import } from "@/db/schema";

const LABELS: Record<
  Import["status"],
  { label: string; variant: "default" | "secondary" | "destructive" | "success" | "warning" | "outline" }
> = {
  uploaded: { label: "Waiting to be checked", variant: "secondary" },
  validating: { label: "Importing", variant: "secondary" },
  invalid: { label: "Rejected", variant: "destructive" },
  awaiting_confirmation: { label: "Needs your decision", variant: "warning" },
  succeeded: { label: "Imported", variant: "success" },
  failed: { label: "Failed", variant: "destructive" },
  cancelled: { label: "Cancelled", variant: "outline" },
  needs_mapping: { label: "Needs a column mapping", variant: "warning" },
};

export const IN_PROGRESS: Import["status"][] = ["uploaded", "validating"];

export function ImportStatusBadge({ status }: { status: Import["status"] }) {
  const { label, variant } = LABELS[status];
  return <Badge variant={variant}>{label}</Badge>;
}
