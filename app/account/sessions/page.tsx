import type { Metadata } from "next";
import { CircleCheck } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listLiveSessions } from "@/db/queries/user-sessions";
import { describeUserAgent } from "@/lib/auth/session-policy";
import { getCurrentSession, requireUser } from "@/server/session";
import { endOtherSessionsAction, endSessionAction } from "./actions";

export const metadata: Metadata = { title: "Sessions" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Where the person is signed in: one row per live session, each with its own "Sign out". */
export default async function SessionsPage({ searchParams }: { searchParams: Promise<{ ended?: string }> }) {
  const user = await requireUser();
  const current = await getCurrentSession();
  const sessions = await listLiveSessions(await getDb(), user);
  const { ended } = await searchParams;
  const others = sessions.filter((s) => s.id !== current?.session.id);

  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Sessions
        </CardTitle>
        <CardDescription>
          The browsers where you are signed in. A session ends after 30 minutes without activity, 8 hours after signing
          in, or when you sign it out here. Times are UTC.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {ended ? (
          <Alert variant="success" role="status">
            <CircleCheck aria-hidden="true" />
            <AlertDescription>
              {ended === "others" ? "You have been signed out everywhere else." : "That session has been signed out."}
            </AlertDescription>
          </Alert>
        ) : null}
        <ul className="grid gap-3" aria-label="Signed-in sessions">
          {sessions.map((s) => {
            const isCurrent = s.id === current?.session.id;
            const device = describeUserAgent(s.userAgent);
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3">
                <div className="grid gap-0.5 text-sm">
                  <span className="font-medium">
                    {device} {isCurrent ? <Badge variant="secondary">This browser</Badge> : null}
                  </span>
                  <span className="text-muted-foreground">
                    {s.method === "microsoft" ? "Microsoft sign-in" : "Password"}
                    {s.secondFactor ? " + authenticator" : ""} · IP {s.ip ?? "unknown"} · signed in{" "}
                    {when.format(s.createdAt)} · last active {when.format(s.lastSeenAt)}
                  </span>
                </div>
                <form action={endSessionAction}>
                  <input type="hidden" name="sessionId" value={s.id} />
                  <Button
                    type="submit"
                    variant="outline"
                    size="sm"
                    aria-label={`Sign out ${device}, signed in ${when.format(s.createdAt)}`}
                  >
                    Sign out
                  </Button>
                </form>
              </li>
            );
          })}
        </ul>
        {others.length > 0 ? (
          <form action={endOtherSessionsAction}>
            <Button type="submit" variant="destructive">
              Sign out everywhere else
            </Button>
          </form>
        ) : (
          <p className="text-sm text-muted-foreground">You are not signed in anywhere else.</p>
        )}
      </CardContent>
    </Card>
  );
}
