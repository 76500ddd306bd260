import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { organizationRequiresTwoFactor } from "@/db/queries/two-factor";
import { requireOrgMember } from "@/server/session";
import { RenameForm } from "./rename-form";
import { SecurityForm } from "./security-form";
import { EnrolmentForm } from "./enrolment-form";
import { WebhookCard } from "./webhook-card";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org } = await requireOrgMember((await params).slug, "org.settings");
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Organisation settings</h1>
      <Card>
        <CardHeader>
          <CardTitle>Name</CardTitle>
        </CardHeader>
        <CardContent>
          <RenameForm slug={org.slug} name={org.name} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Designation</CardTitle>
        </CardHeader>
        <CardContent>
          <EnrolmentForm slug={org.slug} enrolledOn={org.enrolledOn} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Two-factor authentication</CardTitle>
        </CardHeader>
        <CardContent>
          <SecurityForm slug={org.slug} required={await organizationRequiresTwoFactor(await getDb(), org.id)} />
        </CardContent>
      </Card>
      <WebhookCard organizationId={org.id} slug={org.slug} />
    </div>
  );
}
