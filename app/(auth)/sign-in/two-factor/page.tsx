import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeCallbackPath } from "@/lib/auth/safe-path";
import { getCurrentUser, getSessionAwaitingSecondFactor, homePathFor } from "@/server/session";
import { TwoFactorSignInForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The sign-in's second step: the password was right; the authenticator code (or a recovery code) completes it. */
export default async function TwoFactorSignInPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl, "");
  const user = await getCurrentUser();
  if (user) redirect(callbackUrl || (await homePathFor(user.id)));
  if (!(await getSessionAwaitingSecondFactor()))
    redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Two-factor authentication
        </CardTitle>
        <CardDescription>
          Enter the 6-digit code your authenticator app shows for the Partner Capability Portal. If you cannot use the
          app, enter one of your recovery codes instead.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <TwoFactorSignInForm callbackUrl={callbackUrl} />
      </CardContent>
    </Card>
  );
}
