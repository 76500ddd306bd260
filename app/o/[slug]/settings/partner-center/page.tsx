import type { Metadata } from "next";
import Link from "next/link";
import { CircleAlert } from "lucide-react";
import { ConnectionForm } from "./connection-form";
import { ConnectionTools } from "./connection-tools";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { findConnection } from "@/db/queries/partner-center";
import { DEFAULT_QUERIES } from "@/lib/partner-center/default-queries";
import { connectorEnv } from "@/lib/env";
import { requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "Partner Center connection" };

/**
 * The organisation's Partner Center connection (admins). The page learns only whether a secret is stored,
 * never the secret or its ciphertext.
 */
export default async function PartnerCenterPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org } = await requireOrgMember((await params).slug, "connector.manage");
  const available = connectorEnv().keys.length > 0;
  const conn = await findConnection(await getDb(), org.id);
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Partner Center connection</h1>
        <p className="text-sm text-muted-foreground">
          The portal signs in to Partner Center as your Microsoft Entra app and fetches the Azure usage and Microsoft
          365 exports after the 20th of each month, or when someone chooses{" "}
          <Link className="underline" href={`/o/${org.slug}/data`}>
            Refresh now
          </Link>
          . The files go through the same checks as an upload.
        </p>
      </div>
      {!available ? (
        <Alert variant="destructive" role="alert">
          <CircleAlert aria-hidden="true" />
          <AlertDescription>
            The connector is unavailable: no encryption key is configured for stored secrets (PCP_ENCRYPTION_KEY). Ask
            the portal&apos;s administrator to set it.
          </AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Microsoft Entra app</CardTitle>
          <CardDescription>
            Register an app in the Entra tenant of your Partner Center account, give it a client secret, add it in
            Partner Center (Account settings → Microsoft Entra applications) with an insights role such as Executive
            report viewer.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ConnectionForm
            slug={org.slug}
            disabled={!available}
            saved={
              conn
                ? {
                    tenantId: conn.tenantId,
                    clientId: conn.clientId,
                    replaceMode: conn.replaceMode,
                    azureQuery: conn.azureQuery ?? "",
                    m365Query: conn.m365Query ?? "",
                  }
                : null
            }
            defaults={DEFAULT_QUERIES}
          />
        </CardContent>
      </Card>
      {conn ? (
        <Card>
          <CardHeader>
            <CardTitle>Test and remove</CardTitle>
            <CardDescription>
              {conn.lastTestAt
                ? `Last test ${conn.lastTestAt.toISOString().slice(0, 16).replace("T", " ")} UTC: ${conn.lastTestMessage}`
                : "Not tested since it was saved."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ConnectionTools slug={org.slug} disabled={!available} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
