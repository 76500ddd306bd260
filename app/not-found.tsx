import type { Metadata } from "next";
import Link from "next/link";
import { FileQuestionMark } from "lucide-react";

import { AppShell } from "@/components/app-shell/app-shell";
import { StatusPage } from "@/components/app-shell/status-page";
import { SignedInShell } from "@/app/_shell/signed-in-shell";
import { Button } from "@/components/ui/button";
import { getCurrentUser, homePathFor } from "@/server/session";

export const metadata: Metadata = {
  title: "Page not found",
};

/**
 * Unknown addresses and organisations the visitor is not a member of (the same answer, so nobody learns which
 * organisations exist). A signed-in visitor keeps their account menu and is offered their own organisation.
 * Pages inside an organisation the visitor belongs to use app/o/[slug]/not-found.tsx instead.
 */
export default async function NotFound() {
  const user = await getCurrentUser();
  const body = (
    <StatusPage
      icon={<FileQuestionMark />}
      title="Page not found"
      actions={
        <Button asChild>
          <Link href={user ? await homePathFor(user.id) : "/"}>
            {user ? "Go to your organisation" : "Go to the home page"}
          </Link>
        </Button>
      }
    >
      <p>We couldn&rsquo;t find the page you were looking for. It may have moved, or the link may be out of date.</p>
    </StatusPage>
  );
  return user ? <SignedInShell user={user}>{body}</SignedInShell> : <AppShell>{body}</AppShell>;
}
