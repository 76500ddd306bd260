import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { inspectVerificationLink } from "@/server/email-verification";
import { ConfirmEmailForm } from "../verify-forms";

// The token is in the path: never send it on as a Referer.
export const metadata: Metadata = { title: "Confirm your e-mail address", referrer: "no-referrer" };

const problems = {
  invalid: "This link is not valid. Check that you copied all of it.",
  expired: "This link has expired. Sign in and ask for a new one.",
  used: "This link has already been used, or a newer one was sent. Sign in to continue.",
} as const;

/**
 * Opening the link only shows a button: e-mail security scanners open links too, and must not use up a
 * single-use link before its owner does.
 */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await inspectVerificationLink(await getDb(), token);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {state === "valid" ? "Confirm your e-mail address" : "Link not usable"}
        </CardTitle>
        <CardDescription>
          {state === "valid" ? "One click, and your account is ready to use." : problems[state]}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {state === "valid" ? (
          <ConfirmEmailForm token={token} />
        ) : (
          <Button asChild>
            <Link href="/sign-in">Sign in</Link>
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
