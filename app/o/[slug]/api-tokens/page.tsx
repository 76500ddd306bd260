import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listApiTokens } from "@/db/queries/api-tokens";
import { apiTokenState } from "@/lib/api/token";
import { roleLabels } from "@/lib/permissions";
import { formatTimestamp } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";
import { CreateTokenForm, RevokeTokenForm } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };

const STATE_LABELS = { active: "Active", revoked: "Revoked", expired: "Expired" } as const;

/** Organisation API tokens (admins): create one, see when and from where each was last used, revoke it. */
export default async function ApiTokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org } = await requireOrgMember((await params).slug, "apiTokens.manage");
  const tokens = await listApiTokens(await getDb(), org.id);
  const now = new Date();
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline-offset-4 hover:underline" href={`/o/${org.slug}/settings`}>
            Settings
          </Link>{" "}
          / API tokens
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="text-sm text-muted-foreground">
          Scripts and BI tools read this organisation&apos;s numbers through the{" "}
          <Link className="underline underline-offset-4" href="/api-docs">
            REST API
          </Link>{" "}
          with a token. A token acts with its role in this organisation only.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>New token</CardTitle>
        </CardHeader>
        <CardContent>
          <CreateTokenForm slug={org.slug} />
        </CardContent>
      </Card>
      <Card className="min-w-0">
        <CardHeader>
          <CardTitle>Tokens</CardTitle>
          <CardDescription>Revoked and expired tokens stay listed for the record.</CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          {tokens.length === 0 ? (
            <p className="text-sm text-muted-foreground">No tokens yet.</p>
          ) : (
            <Table aria-label="API tokens">
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Token</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead>Created</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead>Last used</TableHead>
                  <TableHead className="text-right">Requests</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {tokens.map((t) => {
                  const state = apiTokenState(t, now);
                  return (
                    <TableRow key={t.id} data-testid="api-token-row">
                      <TableCell className="font-medium">{t.name}</TableCell>
                      <TableCell className="font-mono text-xs">{t.hint}</TableCell>
                      <TableCell>{roleLabels[t.role]}</TableCell>
                      <TableCell>
                        <Badge variant={state === "active" ? "default" : "secondary"}>{STATE_LABELS[state]}</Badge>
                      </TableCell>
                      <TableCell>
                        {formatTimestamp(t.createdAt)}
                        {t.createdByName ? (
                          <div className="text-xs text-muted-foreground">by {t.createdByName}</div>
                        ) : null}
                      </TableCell>
                      <TableCell>{t.expiresAt ? formatTimestamp(t.expiresAt) : "Never"}</TableCell>
                      <TableCell>
                        {t.lastUsedAt ? (
                          <>
                            {formatTimestamp(t.lastUsedAt)}
                            <div className="text-xs text-muted-foreground">from {t.lastUsedIp}</div>
                          </>
                        ) : (
                          "Never"
                        )}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{t.useCount}</TableCell>
                      <TableCell>
                        {state === "revoked" ? null : <RevokeTokenForm slug={org.slug} tokenId={t.id} name={t.name} />}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
