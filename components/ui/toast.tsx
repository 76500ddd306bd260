"use client";

import type { CSSProperties } from "react";
import { useTheme } from "next-themes";
import { Toaster as SonnerToaster, toast, type ToasterProps } from "sonner";

/**
 * App-wide toast region. Render once (in the root layout); trigger from client code with
 * `toast("Saved")`, `toast.success(...)`, `toast.error(...)`, `toast.promise(...)`.
 * Sonner renders its own polite live region (an <ol> inside a labelled <section>).
 */
function Toaster({ ...props }: ToasterProps) {
  const { theme = "system" } = useTheme();

  return (
    <SonnerToaster
      theme={theme as ToasterProps["theme"]}
      className="toaster group no-print"
      position="bottom-right"
      closeButton
      containerAriaLabel="Notifications"
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
          "--border-radius": "var(--radius)",
        } as CSSProperties
      }
      {...props}
    />
  );
}

export { Toaster, toast };
