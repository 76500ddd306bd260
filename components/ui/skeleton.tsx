import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/** Loading placeholder. Decorative: announce loading state separately (e.g. a visually hidden "Loading…"). */
function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none", className)}
      {...props}
    />
  );
}

export { Skeleton };
