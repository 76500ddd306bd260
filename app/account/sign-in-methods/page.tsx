import type { Metadata } from "next";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listExternalIdentities } from "@/db/queries/external-identities";
import { entraEnabled, serverEnv } from "@/lib/env";
import { requireUser } from "@/server/session";
import { LinkMicrosoftForm, UnlinkForm } from "./sign-in-method-forms";

export const metadata: Metadata = { title: "Linked sign-ins" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The account's ways in besides the password: linked Microsoft accounts, with "link" and "unlink". */
export default async function SignInMethodsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const identities = await listExternalIdentities(await getDb(), user.id);
  const enabled = entraEnabled(serverEnv());
  return (
    <Card className="max-w-xl">
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Linked sign-ins
        </CardTitle>
        <CardDescription>
          Microsoft accounts that can sign in to this account.{" "}
          {user.passwordHash ? "You can also use your password." : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {params.linked === "1" ? (
          <Alert variant="success" role="status">
            <AlertDescription>Your Microsoft account is linked.</AlertDescription>
          </Alert>
        ) : null}
        {params.unlinked === "1" ? (
          <Alert variant="success" role="status">
            <AlertDescription>The Microsoft account is no longer linked.</AlertDescription>
          </Alert>
        ) : null}
        {identities.length === 0 ? (
          <p className="text-sm text-muted-foreground">No Microsoft account is linked.</p>
        ) : (
          <ul className="grid gap-3" aria-label="Linked Microsoft accounts">
            {identities.map((i) => {
              const label = i.email ?? "Microsoft account";
              return (
                <li key={i.id} className="flex items-center justify-between gap-4 rounded-md border p-3">
                  <div className="grid text-sm">
                    <span className="font-medium">{label}</span>
                    <span className="text-muted-foreground">
                      Linked {i.createdAt.toISOString().slice(0, 10)}
                      {i.lastUsedAt ? `, last used ${i.lastUsedAt.toISOString().slice(0, 10)}` : ""}
                    </span>
                  </div>
                  <UnlinkForm identityId={i.id} label={label} />
                </li>
              );
            })}
          </ul>
        )}
        {!enabled ? (
          <p className="text-sm text-muted-foreground">Microsoft sign-in is not set up on this portal.</p>
        ) : !user.emailVerifiedAt ? (
          <p className="text-sm text-muted-foreground">
            Confirm your e-mail address first; then you can link an account.
          </p>
        ) : (
          <LinkMicrosoftForm askPassword={Boolean(user.passwordHash)} />
        )}
      </CardContent>
    </Card>
  );
}
