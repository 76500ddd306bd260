import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { homePathFor, requireUser } from "@/server/session";
import { ResendVerificationForm } from "./verify-forms";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

/** Where a signed-in person with an unconfirmed address is sent instead of any organisation page. */
export default async function VerifyEmailNoticePage() {
  const user = await requireUser();
  if (user.emailVerifiedAt) redirect(await homePathFor(user.id));
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Confirm your e-mail address
        </CardTitle>
        <CardDescription>
          Before you can see an organisation&apos;s data or accept an invitation, follow the link we e-mailed to{" "}
          {user.email}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ResendVerificationForm />
      </CardContent>
    </Card>
  );
}
