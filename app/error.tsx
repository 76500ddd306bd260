"use client";

import { useEffect } from "react";
import Link from "next/link";
import { RotateCw, TriangleExclamationPoint } from "lucide-react";

import { Button } from "@/components/ui/button";

function errorDigest(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error) {
    const digest = (error as { digest?: unknown }).digest;
    return typeof digest === "string" && digest !== "" ? digest : undefined;
  }
  return undefined;
}

export default function ErrorPage({
  error,
  reset,
  retry,
}: {
  error: unknown;
  reset: () => void;
  /** Next 16.4+: re-fetches the segment from the server before re-rendering. */
  retry?: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = errorDigest(error);

  return (
    <main
      id="main-content"
      className="mx-auto flex min-h-[60dvh] w-full max-w-md flex-col items-center justify-center gap-4 px-4 py-16 text-center"
    >
      <div
        aria-hidden="true"
        className="flex size-14 items-center justify-center rounded-full bg-destructive/10 text-destructive"
      >
        <TriangleExclamationPoint className="size-7" />
      </div>
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-muted-foreground">
        Sorry, we couldn&rsquo;t load this page. Please try again. If it keeps happening, contact support
        {digest ? " and quote the reference below" : ""}.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        {/* Prefer retry() (re-fetches server data, so transient server errors recover); fall back to reset(). */}
        <Button onClick={() => (retry ?? reset)()}>
          <RotateCw aria-hidden="true" />
          Try again
        </Button>
        <Button asChild variant="outline">
          <Link href="/">Go to the home page</Link>
        </Button>
      </div>
      {digest ? (
        <p className="text-xs text-muted-foreground">
          Reference: <code className="font-mono select-all">{digest}</code>
        </p>
      ) : null}
    </main>
  );
}
