import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { findWebhook, listWebhookDeliveries } from "@/db/queries/notifications";
import { SIGNATURE_HEADER } from "@/lib/webhooks/signature";
import { WebhookButtons, WebhookForm } from "./webhook-forms";

/** The organisation's webhook (issue 15): URL, signing secret, test event and the delivery log. */
export async function WebhookCard({ organizationId, slug }: { organizationId: string; slug: string }) {
  const db = await getDb();
  const hook = await findWebhook(db, organizationId);
  const deliveries = hook ? await listWebhookDeliveries(db, organizationId) : [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Webhook</CardTitle>
        <CardDescription>
          After each data refresh the portal POSTs the same summary as the e-mail, as JSON, to this URL (for Teams,
          Slack or your own systems). Each request carries a {SIGNATURE_HEADER} header, t=timestamp,v1=HMAC-SHA256 of
          &quot;timestamp.body&quot; with the signing secret. Failed deliveries are retried with backoff.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <WebhookForm slug={slug} url={hook?.url ?? null} />
        {hook ? <WebhookButtons slug={slug} /> : null}
        {hook ? (
          <Table aria-label="Webhook deliveries">
            <TableHeader>
              <TableRow>
                <TableHead>Event</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Attempts</TableHead>
                <TableHead>Answer</TableHead>
                <TableHead>Last attempt (UTC)</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {deliveries.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5} className="text-muted-foreground">
                    No deliveries yet.
                  </TableCell>
                </TableRow>
              ) : null}
              {deliveries.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>{d.eventType}</TableCell>
                  <TableCell>{d.status}</TableCell>
                  <TableCell className="tabular-nums">{d.attempts}</TableCell>
                  <TableCell>{d.responseStatus ?? d.lastError ?? "—"}</TableCell>
                  <TableCell className="tabular-nums">
                    {d.lastAttemptAt ? d.lastAttemptAt.toISOString().slice(0, 19).replace("T", " ") : "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </CardContent>
    </Card>
  );
}
