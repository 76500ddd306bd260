import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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
      <Card>
        <CardHeader>
          <CardTitle>API tokens</CardTitle>
          <CardDescription>
            Tokens let scripts and BI tools read this organisation&apos;s numbers and upload files through the REST API.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2">
          <Button asChild variant="outline" className="w-fit">
            <Link href={`/o/${org.slug}/api-tokens`}>Manage API tokens</Link>
          </Button>
          <Button asChild variant="ghost" className="w-fit">
            <Link href="/api-docs">API reference</Link>
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}
