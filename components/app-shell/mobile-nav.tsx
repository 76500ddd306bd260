"use client";

import { useState, type MouseEvent, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { Menu } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";

/**
 * The navigation on screens narrower than `lg`: a menu button that opens a sheet with the organisation switcher and
 * the same links as the desktop bar, one per line. The sheet closes when a link in it is followed.
 */
function MobileNav({ orgSwitcher, nav }: { orgSwitcher?: ReactNode; nav?: ReactNode }) {
  // The sheet is open only on the page it was opened on, so any navigation (a link in it, the back button) closes
  // it; a link to the page already shown keeps the path, and the click handler closes the sheet then.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const closeOnLink = (event: MouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest("a[href]")) setOpen(false);
  };
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="-ml-2 lg:hidden" aria-label="Open the menu">
          <Menu className="size-5" aria-hidden="true" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" onClick={closeOnLink} data-testid="mobile-nav">
        <SheetHeader>
          <SheetTitle>Menu</SheetTitle>
          <SheetDescription className="sr-only">The organisation and its pages.</SheetDescription>
        </SheetHeader>
        {orgSwitcher ? <div className="flex min-w-0 [&>*]:w-full [&>*]:max-w-none">{orgSwitcher}</div> : null}
        {nav ? (
          <nav aria-label="Main" className="flex flex-col gap-1 [&>a]:h-10 [&>a]:w-full">
            {nav}
          </nav>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}

export { MobileNav };
