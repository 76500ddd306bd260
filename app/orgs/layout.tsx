import type { ReactNode } from "react";
import { SignedInShell } from "@/components/org/signed-in-shell";
import { requireUser } from "@/server/session";

export default async function OrgsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
