import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireOrgMember } from "@/server/session";
import { RenameForm } from "./rename-form";

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
    </div>
  );
}
