import { TablePageSkeleton } from "@/components/ui/table-page-skeleton";

export default function TenantLoading() {
  return <TablePageSkeleton label="Loading the tenant…" />;
}
