import { Skeleton } from "@/components/ui/skeleton";

/** Loading state for a page that is a heading, a summary card and a table; `label` is announced. */
export function TablePageSkeleton({ label }: { label: string }) {
  return (
    <div className="grid gap-6" aria-busy="true">
      <span className="sr-only" role="status">
        {label}
      </span>
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-32" />
      <Skeleton className="h-10" />
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="h-9" />
      ))}
    </div>
  );
}
