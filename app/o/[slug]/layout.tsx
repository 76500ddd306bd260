import type { ReactNode } from "react";
import { RememberOrg } from "@/components/app-shell/remember-org";
import { SignedInShell } from "@/app/_shell/signed-in-shell";
import { requireOrgMember } from "@/server/session";

/**
 * Every /o/[slug]/… page: signed-out visitors go to sign-in, non-members get the standard 404 (app/not-found.tsx).
 * Members see the organisation's navigation around the page, and around its own not-found.tsx (404) and
 * forbidden.tsx (403) pages.
 */
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
      <RememberOrg slug={org.slug} />
      {children}
    </SignedInShell>
  );
}
