import { TablePageSkeleton } from "@/components/ui/table-page-skeleton";

export default function SnapshotLoading() {
  return <TablePageSkeleton label="Loading the snapshot…" />;
}
