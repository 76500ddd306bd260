import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { inspectResetLink, resetLinkProblem } from "@/server/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in the path: never send it on as a Referer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** Looking at the link spends nothing (mail scanners open links); only the form does. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await inspectResetLink(await getDb(), token);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {state === "valid" ? "Choose a new password" : "Link not usable"}
        </CardTitle>
        <CardDescription>
          {state === "valid" ? "Setting a new password signs you out on every device." : resetLinkProblem(state)}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {state === "valid" ? (
          <ResetPasswordForm token={token} />
        ) : (
          <Button asChild>
            <Link href="/forgot-password">Ask for a new link</Link>
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
