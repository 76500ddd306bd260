import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <AppShell className="max-w-md">
      <div className="py-4 sm:py-10">{children}</div>
    </AppShell>
  );
}
