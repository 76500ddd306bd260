import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS, type TenantStatus } from "@/lib/snapshot-view";

const VARIANT = { gained: "success", lost: "destructive", retained: "secondary", "not-qualifying": "outline" } as const;

export function StatusBadge({ status }: { status: TenantStatus | null }) {
  if (status === null) return <span className="text-muted-foreground">—</span>;
  return <Badge variant={VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}
