import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { GeistSans } from "geist/font/sans";

import { ThemeProvider } from "@/components/theme-provider";
import { Toaster } from "@/components/ui/toast";
import { cn } from "@/lib/utils";

import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Partner Capability Portal",
    template: "%s · Partner Capability Portal",
  },
  description:
    "Track your Partner Capability Score for the Solutions Partner for Security designation: which customer tenants count towards Net customer adds, why, and what changes next month.",
  applicationName: "Partner Capability Portal",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1320" },
  ],
};

/**
 * Reading the request's nonce (set by proxy.ts with the Content-Security-Policy) also makes every page render per
 * request: a page prerendered at build time would carry no nonce, and its scripts would be refused.
 */
export default async function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning className={GeistSans.variable}>
      <body className={cn(GeistSans.className, "min-h-dvh bg-background font-sans text-foreground antialiased")}>
        <ThemeProvider nonce={nonce}>
          {children}
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
