import type { ReactNode } from "react";
import Link from "next/link";

import { AppLogo } from "@/components/app-shell/app-logo";
import { MobileNav } from "@/components/app-shell/mobile-nav";
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
 * Sticky top bar. From `lg` up, the organisation switcher and the navigation sit on a second row under the product
 * name and user controls; below `lg` they move into a menu (a sheet) opened from the button before the logo, since
 * eight links and the switcher do not fit on a tablet or phone.
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
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-2 px-4 sm:gap-4 sm:px-6 lg:px-8">
        {hasSecondary ? <MobileNav orgSwitcher={orgSwitcher} nav={nav} /> : null}
        <Link
          href="/"
          className="flex h-10 min-w-0 items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
        >
          <AppLogo className="size-6 shrink-0" />
          <span className="truncate">Partner Capability Portal</span>
        </Link>
        <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-2">
          <ThemeToggle />
          {userMenu}
        </div>
      </div>
      {hasSecondary ? (
        <div
          data-slot="site-header-secondary"
          className="mx-auto hidden w-full max-w-6xl items-center gap-2 px-4 pb-2 sm:px-6 lg:flex lg:px-8"
        >
          {orgSwitcher ? (
            <div data-slot="org-switcher" className="flex min-w-0 shrink-0">
              {orgSwitcher}
            </div>
          ) : null}
          {nav ? (
            <nav aria-label="Main" className="flex min-w-0 flex-wrap items-center gap-1">
              {nav}
            </nav>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}

export { SiteHeader, type SiteHeaderProps };
