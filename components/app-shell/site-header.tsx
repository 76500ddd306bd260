import type { ReactNode } from "react";
import Link from "next/link";
import { ShieldCheck } from "lucide-react";

import { ThemeToggle } from "@/components/theme-toggle";
import { cn } from "@/lib/utils";

type SiteHeaderProps = {
  /** Organisation switcher (e.g. a dropdown of the partner orgs the user belongs to). */
  orgSwitcher?: ReactNode;
  /** User menu (avatar/name dropdown with sign-out), or sign-in links when signed out. */
  userMenu?: ReactNode;
  /** Optional primary navigation (e.g. <NavLink>s). */
  nav?: ReactNode;
  className?: string;
};

/**
 * Sticky top bar. Each slot is rendered once; the org switcher and nav sit
 * on a second, horizontally scrollable row (the navigation grew past one line) below the product name and user controls.
 */
function SiteHeader({ orgSwitcher, userMenu, nav, className }: SiteHeaderProps) {
  const hasSecondary = Boolean(orgSwitcher || nav);
  return (
    <header
      data-slot="site-header"
      className={cn(
        "no-print sticky top-0 z-40 border-b bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80",
        className,
      )}
    >
      <div className="mx-auto flex min-h-14 w-full max-w-6xl flex-wrap items-center gap-x-2 px-4 sm:gap-x-4 sm:px-6 lg:px-8">
        <Link
          href="/"
          className="order-1 flex h-14 min-w-0 shrink items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
        >
          <ShieldCheck className="size-5 shrink-0 text-primary" aria-hidden="true" />
          <span className="truncate">Partner Capability Portal</span>
        </Link>

        {hasSecondary ? (
          <div
            data-slot="site-header-secondary"
            className="order-3 -mx-1 flex w-[calc(100%+0.5rem)] min-w-0 items-center gap-2 overflow-x-auto px-1 pb-2"
          >
            {orgSwitcher ? (
              <div data-slot="org-switcher" className="flex min-w-0 shrink-0">
                {orgSwitcher}
              </div>
            ) : null}
            {nav ? (
              <nav aria-label="Main" className="flex items-center gap-1">
                {nav}
              </nav>
            ) : null}
          </div>
        ) : null}

        <div className="order-2 ml-auto flex h-14 shrink-0 items-center gap-1 sm:gap-2">
          <ThemeToggle />
          {userMenu}
        </div>
      </div>
    </header>
  );
}

export { SiteHeader, type SiteHeaderProps };
