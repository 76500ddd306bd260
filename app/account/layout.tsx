import type { ReactNode } from "react";
import { SignedInShell } from "@/app/_shell/signed-in-shell";
import { requireUser } from "@/server/session";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
