import type { Metadata } from "next";
import { CircleAlert, CircleCheck } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { findTwoFactor, unusedRecoveryCodeCount } from "@/db/queries/two-factor";
import { isSlug } from "@/lib/slug";
import { getCurrentSession, requireUser } from "@/server/session";
import { pendingEnrolment } from "@/server/two-factor";
import { sessionHasSecondFactor } from "@/server/two-factor-policy";
import {
  confirmSetupAction,
  confirmThisSessionAction,
  disableAction,
  newRecoveryCodesAction,
  startSetupAction,
} from "./actions";
import { CodeForm } from "./two-factor-forms";

export const metadata: Metadata = { title: "Two-factor authentication" };

type Props = { searchParams: Promise<{ required?: string; off?: string }> };

export default async function TwoFactorPage({ searchParams }: Props) {
  const user = await requireUser();
  const current = await getCurrentSession();
  const params = await searchParams;
  const required = typeof params.required === "string" && isSlug(params.required) ? params.required : "";
  const db = await getDb();
  const row = await findTwoFactor(db, user.id);
  const enrolment = row && !row.confirmedAt ? await pendingEnrolment(db, user) : null;

  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Two-factor authentication
        </CardTitle>
        <CardDescription>
          With an authenticator app (Microsoft Authenticator, Google Authenticator, 1Password…), signing in with your
          password also asks for the 6-digit code the app shows.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {required ? (
          <Alert variant="destructive" role="alert">
            <CircleAlert aria-hidden="true" />
            <AlertDescription>
              The organisation “{required}” requires two-factor authentication. Set it up here to continue.
            </AlertDescription>
          </Alert>
        ) : null}
        {params.off === "1" && !row ? (
          <Alert variant="success" role="status">
            <CircleCheck aria-hidden="true" />
            <AlertDescription>Two-factor authentication is off.</AlertDescription>
          </Alert>
        ) : null}

        {!user.passwordHash ? (
          <p className="text-sm">
            Your account signs in with Microsoft, so your organisation’s Microsoft sign-in settings (such as Microsoft
            Authenticator) protect it; there is nothing to set up here.
          </p>
        ) : row?.confirmedAt ? (
          <>
            <p className="text-sm">
              Two-factor authentication is <strong>on</strong> (since {row.confirmedAt.toISOString().slice(0, 10)}).
              Unused recovery codes: {await unusedRecoveryCodeCount(db, user.id)}.
            </p>
            {current && !sessionHasSecondFactor(current.session) ? (
              <section className="grid gap-2">
                <h2 className="font-medium">Confirm this browser</h2>
                <p className="text-sm text-muted-foreground">
                  This browser signed in before two-factor authentication was set up.
                </p>
                <CodeForm action={confirmThisSessionAction} submit="Confirm" required={required} />
              </section>
            ) : null}
            <section className="grid gap-2">
              <h2 className="font-medium">New recovery codes</h2>
              <p className="text-sm text-muted-foreground">Replaces every recovery code you have now.</p>
              <CodeForm action={newRecoveryCodesAction} submit="Make new recovery codes" variant="outline" />
            </section>
            <section className="grid gap-2">
              <h2 className="font-medium">Turn off</h2>
              <CodeForm action={disableAction} submit="Turn off two-factor authentication" variant="destructive" />
            </section>
          </>
        ) : enrolment ? (
          <section className="grid gap-3">
            <h2 className="font-medium">1. Scan this code with your authenticator app</h2>
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="size-48 rounded-md bg-white p-2"
              // Our own SVG, made by the qrcode package from the otpauth URI on the server.
              dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
            />
            <p className="text-sm">
              Or enter this key by hand:{" "}
              <code data-testid="totp-secret" className="font-mono">
                {enrolment.secret}
              </code>
            </p>
            <h2 className="font-medium">2. Enter the code it shows</h2>
            <CodeForm action={confirmSetupAction} submit="Turn on" required={required} />
          </section>
        ) : (
          <form action={startSetupAction}>
            <input type="hidden" name="required" value={required} />
            <Button type="submit">Set up an authenticator app</Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
