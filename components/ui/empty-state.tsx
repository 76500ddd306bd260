import type { ComponentProps, ReactNode } from "react";
import { Inbox } from "lucide-react";

import { cn } from "@/lib/utils";

type EmptyStateProps = Omit<ComponentProps<"div">, "title"> & {
  /** Short heading, e.g. "No customer tenants yet". */
  title: ReactNode;
  /** One or two sentences on why it's empty and what to do next. */
  description?: ReactNode;
  /** Decorative icon; defaults to an inbox. Pass `null` for none. */
  icon?: ReactNode;
  /** Call(s) to action, e.g. a <Button>. */
  action?: ReactNode;
  /** Heading level for the title, to fit the page outline. Defaults to h2. */
  headingLevel?: 2 | 3 | 4;
};

function EmptyState({
  title,
  description,
  icon,
  action,
  headingLevel = 2,
  className,
  children,
  ...props
}: EmptyStateProps) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const iconNode = icon === undefined ? <Inbox /> : icon;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-10 text-center",
        className,
      )}
      {...props}
    >
      {iconNode ? (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-6"
        >
          {iconNode}
        </div>
      ) : null}
      <Heading className="text-base font-semibold">{title}</Heading>
      {description ? <p className="max-w-prose text-sm text-balance text-muted-foreground">{description}</p> : null}
      {children}
      {action ? <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}

export { EmptyState, type EmptyStateProps };
