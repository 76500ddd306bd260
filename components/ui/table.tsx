import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/**
 * Table wrapped in a horizontally scrollable container so wide tables work on phones.
 * The scroll container is focusable (tabIndex 0) so keyboard users can scroll it;
 * give it an accessible name via `aria-label` / `aria-labelledby` on <Table> (forwarded
 * to the wrapper region) or a <TableCaption>.
 */
function Table({
  className,
  containerClassName,
  "aria-label": ariaLabel,
  "aria-labelledby": ariaLabelledBy,
  ...props
}: ComponentProps<"table"> & { containerClassName?: string }) {
  const named = Boolean(ariaLabel || ariaLabelledBy);
  return (
    <div
      data-slot="table-container"
      className={cn(
        "relative w-full overflow-x-auto rounded-md focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
        containerClassName,
      )}
      tabIndex={0}
      role={named ? "region" : undefined}
      aria-label={ariaLabel}
      aria-labelledby={ariaLabelledBy}
    >
      <table
        data-slot="table"
        className={cn("w-full caption-bottom text-sm", className)}
        aria-label={ariaLabel}
        aria-labelledby={ariaLabelledBy}
        {...props}
      />
    </div>
  );
}

function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("[&_tr]:border-b", className)} {...props} />;
}

function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

function TableFooter({ className, ...props }: ComponentProps<"tfoot">) {
  return (
    <tfoot
      data-slot="table-footer"
      className={cn("border-t bg-muted/50 font-medium [&>tr]:last:border-b-0", className)}
      {...props}
    />
  );
}

// The portal's tables are read-only: no row selection or checkbox styles (each class goes out twice per cell).
function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr data-slot="table-row" className={cn("border-b transition-colors hover:bg-muted/50", className)} {...props} />
  );
}

function TableHead({ className, scope, ...props }: ComponentProps<"th">) {
  return (
    <th
      data-slot="table-head"
      scope={scope ?? "col"}
      // Headings wrap between words ("Eligible ACR / (current)"), so a table of many columns fits a desktop card
      // instead of scrolling; on a phone the container still scrolls.
      className={cn("h-10 px-2 py-2 text-left align-middle leading-tight font-medium text-foreground", className)}
      {...props}
    />
  );
}

function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td data-slot="table-cell" className={cn("p-2 align-middle", className)} {...props} />;
}

function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return (
    <caption data-slot="table-caption" className={cn("mt-4 text-sm text-muted-foreground", className)} {...props} />
  );
}

export { Table, TableHeader, TableBody, TableFooter, TableHead, TableRow, TableCell, TableCaption };
