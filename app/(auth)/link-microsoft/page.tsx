import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Microsoft sign-in not linked" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Where a Microsoft sign-in that could not be matched to an account lands (server/external-identities.ts). The
 * text is the same whether or not an account exists for the address, and names the safe way forward: sign in
 * with the password, then link Microsoft from the account.
 */
export default async function LinkMicrosoftPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  const title =
    reason === "identity_taken"
      ? "This Microsoft account is linked to another account"
      : reason === "link_failed"
        ? "Linking did not work"
        : "Sign in with your password first";
  const description =
    reason === "identity_taken"
      ? "The Microsoft account you used already signs in to a different portal account. Sign in to that account and unlink it there first."
      : reason === "link_failed"
        ? "The link request had expired or was already used. Start again from the Linked sign-ins page of your account."
        : "We could not match this Microsoft sign-in to a portal account automatically: Microsoft did not confirm the address, or an account already uses it and has not confirmed it. If you have an account, sign in with its password (or reset the password by e-mail), then link Microsoft on the Linked sign-ins page of your account. Otherwise, create an account.";
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        <Button asChild>
          <Link href="/sign-in?callbackUrl=%2Faccount%2Fsign-in-methods">Sign in with password</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/forgot-password">Reset password</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/sign-up">Create an account</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
