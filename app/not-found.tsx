import type { Metadata } from "next";
import Link from "next/link";
import { FileQuestionMark } from "lucide-react";

import { AppShell } from "@/components/app-shell/app-shell";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = {
  title: "Page not found",
};

export default function NotFound() {
  return (
    <AppShell>
      <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
        <div
          aria-hidden="true"
          className="flex size-14 items-center justify-center rounded-full bg-muted text-muted-foreground"
        >
          <FileQuestionMark className="size-7" />
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-muted-foreground">
          We couldn&rsquo;t find the page you were looking for. It may have moved, or the link may be out of date.
        </p>
        <Button asChild>
          <Link href="/">Go to the home page</Link>
        </Button>
      </div>
    </AppShell>
  );
}
