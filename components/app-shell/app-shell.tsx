import type { ReactNode } from "react";

import { SiteHeader, type SiteHeaderProps } from "@/components/app-shell/site-header";
import { cn } from "@/lib/utils";

type AppShellProps = Omit<SiteHeaderProps, "className"> & {
  children: ReactNode;
  /** Class for the <main> element (e.g. to change the max width). */
  className?: string;
  /** Optional footer content; a small default footer is shown when omitted. Pass `null` to hide. */
  footer?: ReactNode;
};

/**
 * Page chrome: skip link, sticky header and a centred, padded <main id="main-content">.
 * Pages (or route-group layouts) render this themselves; the root layout doesn't.
 */
function AppShell({ children, orgSwitcher, userMenu, nav, className, footer }: AppShellProps) {
  return (
    <div data-slot="app-shell" className="flex min-h-dvh flex-col">
      <a
        href="#main-content"
        className="no-print sr-only z-50 rounded-md bg-background px-4 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-[3px] focus:ring-ring/50 focus:outline-none"
      >
        Skip to main content
      </a>
      <SiteHeader orgSwitcher={orgSwitcher} userMenu={userMenu} nav={nav} />
      <main
        id="main-content"
        tabIndex={-1}
        className={cn("mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8 lg:px-8", className)}
      >
        {children}
      </main>
      {footer === undefined ? (
        <footer className="no-print border-t">
          <div className="mx-auto w-full max-w-6xl px-4 py-4 text-xs text-muted-foreground sm:px-6 lg:px-8">
            Partner Capability Portal — an independent tool for tracking Microsoft AI Cloud Partner Program capability
            scores. Figures are estimates; Partner Center is the source of truth.
          </div>
        </footer>
      ) : (
        footer
      )}
    </div>
  );
}

export { AppShell, type AppShellProps };
