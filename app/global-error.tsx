"use client";

import { useEffect } from "react";

import "./globals.css";

function errorDigest(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error) {
    const digest = (error as { digest?: unknown }).digest;
    return typeof digest === "string" && digest !== "" ? digest : undefined;
  }
  return undefined;
}

/**
 * Last-resort boundary: replaces the root layout when it fails, so it renders its own
 * <html>/<body> and doesn't depend on providers. Kept deliberately plain.
 */
export default function GlobalError({
  error,
  reset,
  retry,
}: {
  error: unknown;
  reset: () => void;
  retry?: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  // No ThemeProvider here: apply the stored/OS theme by hand so dark-mode users aren't flashed.
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem("theme");
      const dark =
        stored === "dark" ||
        ((stored === null || stored === "system") && window.matchMedia("(prefers-color-scheme: dark)").matches);
      document.documentElement.classList.toggle("dark", dark);
    } catch {
      // Storage can be unavailable (privacy modes); the light theme is fine.
    }
  }, []);

  const digest = errorDigest(error);

  return (
    <html lang="en">
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <title>Something went wrong · Partner Capability Portal</title>
        <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col items-center justify-center gap-4 px-4 py-16 text-center">
          <p className="text-sm font-semibold text-muted-foreground">Partner Capability Portal</p>
          <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="text-muted-foreground">
            Sorry, the portal hit an unexpected error. Please try again. If it keeps happening, contact support
            {digest ? " and quote the reference below" : ""}.
          </p>
          <button
            type="button"
            onClick={() => (retry ?? reset)()}
            className="inline-flex h-9 cursor-pointer items-center justify-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground shadow-xs hover:bg-primary/90 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
          >
            Try again
          </button>
          {digest ? (
            <p className="text-xs text-muted-foreground">
              Reference: <code className="font-mono select-all">{digest}</code>
            </p>
          ) : null}
        </main>
      </body>
    </html>
  );
}
