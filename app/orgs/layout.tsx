import type { ReactNode } from "react";
import { SignedInShell } from "@/app/_shell/signed-in-shell";
import { redirect } from "next/navigation";
import { requireUser, VERIFY_EMAIL_PATH } from "@/server/session";

export default async function OrgsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!user.emailVerifiedAt) redirect(VERIFY_EMAIL_PATH);
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
