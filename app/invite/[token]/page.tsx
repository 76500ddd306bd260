import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { AppShell } from "@/components/app-shell/app-shell";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { findMember } from "@/db/queries/memberships";
import { roleLabels } from "@/lib/permissions";
import { inspectInvitation } from "@/server/invitations";
import { getCurrentUser } from "@/server/session";
import { AcceptForm, InvitedSignUpForm } from "./invite-forms";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

function Frame({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <AppShell className="max-w-md">
      <div className="py-4 sm:py-10">
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-xl">
              {title}
            </CardTitle>
            {description ? <CardDescription>{description}</CardDescription> : null}
          </CardHeader>
          {children ? <CardContent className="grid gap-4">{children}</CardContent> : null}
        </Card>
      </div>
    </AppShell>
  );
}

/** Every state of an invitation link: invalid, expired, revoked, used, and pending for each kind of visitor. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const view = await inspectInvitation(db, token);
  const home = (
    <Button asChild variant="outline">
      <Link href="/">Go to the home page</Link>
    </Button>
  );

  if (view.status === "invalid") {
    return (
      <Frame
        title="Invitation not valid"
        description="This link is not a valid invitation. Check that you copied all of it."
      >
        {home}
      </Frame>
    );
  }
  const { invitation, org } = view;
  if (view.status === "expired") {
    return (
      <Frame
        title="Invitation expired"
        description={`This invitation to ${org.name} has expired. Ask one of its admins to send it again.`}
      >
        {home}
      </Frame>
    );
  }
  if (view.status === "revoked") {
    return (
      <Frame title="Invitation withdrawn" description={`An admin of ${org.name} withdrew this invitation.`}>
        {home}
      </Frame>
    );
  }
  const user = await getCurrentUser();
  if (view.status === "accepted") {
    const member = user ? await findMember(db, org.id, user.id) : null;
    return (
      <Frame title="Invitation already used" description="This invitation link has already been used.">
        {member ? (
          <Button asChild>
            <Link href={`/o/${org.slug}`}>Open {org.name}</Link>
          </Button>
        ) : (
          home
        )}
      </Frame>
    );
  }

  const invitedAs = `You are invited to join ${org.name} as ${roleLabels[invitation.role].toLowerCase()}.`;
  const callback = `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`;
  if (!user) {
    if (view.accountExists) {
      return (
        <Frame title="Join an organisation" description={`${invitedAs} Sign in as ${invitation.email} to accept.`}>
          <Button asChild>
            <Link href={callback}>Sign in to accept</Link>
          </Button>
          <p className="text-sm text-muted-foreground">
            Do not know the password of that account?{" "}
            <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/forgot-password">
              Reset it by e-mail
            </Link>
            , then come back to this link.
          </p>
        </Frame>
      );
    }
    return (
      <Frame title="Join an organisation" description={`${invitedAs} Create your account to accept.`}>
        <InvitedSignUpForm token={token} email={invitation.email} />
      </Frame>
    );
  }
  if (user.email !== invitation.email) {
    return (
      <Frame
        title="Invitation for someone else"
        description={`This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign out and sign in as ${invitation.email} to accept it.`}
      />
    );
  }
  if (!user.emailVerifiedAt) {
    return (
      <Frame
        title="Confirm your e-mail address first"
        description={`${invitedAs} Before you can join, confirm that ${user.email} is yours: follow the link we e-mailed you, then open this invitation again.`}
      >
        <Button asChild>
          <Link href="/verify-email">Resend the confirmation link</Link>
        </Button>
      </Frame>
    );
  }
  return (
    <Frame title="Join an organisation" description={invitedAs}>
      <AcceptForm token={token} orgName={org.name} />
    </Frame>
  );
}
