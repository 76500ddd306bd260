import type { ReactNode } from "react";
import { SignedInShell } from "@/components/org/signed-in-shell";
import { requireOrgMember } from "@/server/session";

/** Every /o/[slug]/… page: signed-out visitors go to sign-in, non-members get the standard 404. */
export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { user, org, role } = await requireOrgMember(slug);
  return (
    <SignedInShell user={user} current={{ org, role }}>
      {children}
    </SignedInShell>
  );
}
