"use client";

import type { ComponentProps } from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

/**
 * next-themes sets the theme before the first paint with an inline <script>. That script only runs from the
 * server's HTML; when the provider is mounted afresh in the browser (React re-renders the root, as it does for a
 * not-found page), React 19 warns "Encountered a script tag while rendering React component". Rendered in the
 * browser, the script is therefore marked as data (`type="application/json"`), which React leaves alone and
 * which never ran there anyway; the server's copy stays JavaScript. The provider already suppresses the
 * hydration warning for the attribute that differs.
 */
const scriptProps = typeof window === "undefined" ? undefined : { type: "application/json" };

/** Class-based theming (`.dark` on <html>), following the OS preference by default. */
function ThemeProvider({ children, ...props }: ComponentProps<typeof NextThemesProvider>) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      scriptProps={scriptProps}
      {...props}
    >
      {children}
    </NextThemesProvider>
  );
}

export { ThemeProvider };
