import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireOrgMember } from "@/server/session";

// Placeholder until the dashboard lands; replace this file.
export const metadata: Metadata = { title: "Dashboard" };

export default async function OrgDashboardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org } = await requireOrgMember((await params).slug);
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{org.name}</h1>
      <Card>
        <CardHeader>
          <CardTitle>Dashboard</CardTitle>
          <CardDescription>No data yet — import your Azure usage export.</CardDescription>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">
          Once an export is imported, your Partner Capability Score and the customer tenants behind it appear here.
        </CardContent>
      </Card>
    </div>
  );
}
