import type { Metadata } from "next";
import { CircleAlert } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listPreferencesOf } from "@/db/queries/notifications";
import { listUserOrganizations } from "@/db/queries/organizations";
import { smtpConfigured } from "@/server/mailer";
import { requireUser } from "@/server/session";
import { RefreshEmailForm } from "./refresh-email-form";

export const metadata: Metadata = { title: "E-mail notifications" };

/** Per organisation, whether the person gets an e-mail after each data refresh (issue 15). Off unless chosen. */
export default async function NotificationsPage() {
  const user = await requireUser();
  const db = await getDb();
  const orgs = await listUserOrganizations(db, user.id);
  const prefs = await listPreferencesOf(db, user.id);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          E-mail notifications
        </CardTitle>
        <CardDescription>
          After each data refresh (an upload or the Partner Center connector, once the snapshot is recomputed) you can
          get one e-mail per organisation: the score per track and its change, customers gained and lost, tenants newly
          at risk and the nearest misses, with links into the portal. E-mails go to {user.email}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {smtpConfigured() ? null : (
          <Alert variant="warning" role="status">
            <CircleAlert aria-hidden="true" />
            <AlertDescription>
              This portal has no e-mail server configured (SMTP_URL), so no e-mails are sent. Your choices are kept and
              take effect once your administrator configures one.
            </AlertDescription>
          </Alert>
        )}
        {orgs.length === 0 ? <p className="text-sm text-muted-foreground">You belong to no organisation yet.</p> : null}
        {orgs.map(({ org }) => (
          <RefreshEmailForm key={org.id} slug={org.slug} name={org.name} on={prefs.get(org.id) ?? false} />
        ))}
      </CardContent>
    </Card>
  );
}
