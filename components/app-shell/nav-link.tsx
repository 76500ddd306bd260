"use client";

import type { ComponentProps } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";

type NavLinkProps = ComponentProps<typeof Link> & {
  /** Only mark active on an exact path match (default: also active for nested paths). */
  exact?: boolean;
};

/** Header/sidebar link that sets aria-current="page" and active styling for the current route. */
function NavLink({ href, exact = false, className, ...props }: NavLinkProps) {
  const pathname = usePathname();
  const target = typeof href === "string" ? href : (href.pathname ?? "");
  const isActive =
    target !== "" &&
    (exact || target === "/"
      ? pathname === target
      : pathname === target || pathname.startsWith(`${target.replace(/\/$/, "")}/`));

  return (
    <Link
      href={href}
      aria-current={isActive ? "page" : undefined}
      data-active={isActive || undefined}
      className={cn(
        "inline-flex h-9 items-center rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
        "focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
        "data-[active]:bg-accent data-[active]:text-accent-foreground",
        className,
      )}
      {...props}
    />
  );
}

export { NavLink, type NavLinkProps };
