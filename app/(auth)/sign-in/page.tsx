import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Separator } from "@/components/ui/separator";
import { safeCallbackPath } from "@/lib/auth/safe-path";
import { entraEnabled, serverEnv } from "@/lib/env";
import { getCurrentUser, getSessionAwaitingSecondFactor, homePathFor, SECOND_FACTOR_PATH } from "@/server/session";
import { signInWithEntraAction } from "../actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, "");
  const user = await getCurrentUser();
  if (user) redirect(callbackUrl || (await homePathFor(user.id)));
  // Half-way through signing in (password right, code not yet entered): resume at the code step. That page offers
  // to start again with another account.
  if (await getSessionAwaitingSecondFactor())
    redirect(callbackUrl ? `${SECOND_FACTOR_PATH}?callbackUrl=${encodeURIComponent(callbackUrl)}` : SECOND_FACTOR_PATH);
  const oauthFailed = typeof params.error === "string";

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Sign in
        </CardTitle>
        <CardDescription>Use the e-mail address and password of your portal account.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {params.reset === "1" ? (
          <p role="status" className="text-sm font-medium">
            Your password has been changed and every session signed out. Sign in with the new password.
          </p>
        ) : null}
        {params.verified === "1" ? (
          <p role="status" className="text-sm font-medium">
            Your e-mail address is confirmed. Sign in to continue.
          </p>
        ) : null}
        {oauthFailed ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            Signing in did not work. Please try again.
          </p>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} />
        {entraEnabled(serverEnv()) ? (
          <>
            <Separator />
            <form action={signInWithEntraAction}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="outline" className="w-full">
                Sign in with Microsoft
              </Button>
            </form>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
