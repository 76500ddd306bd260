import type { Metadata } from "next";
import { InvitePanel } from "./invite-panel";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { memberPreferences } from "@/db/queries/notifications";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listOpenInvitations } from "@/db/queries/invitations";
import { listMembers } from "@/db/queries/memberships";
import { invitationStatus } from "@/lib/invitations/status";
import { can, roleLabels } from "@/lib/permissions";
import { requireOrgMember } from "@/server/session";
import { LeaveOrganization, MemberControls } from "./member-controls";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { user, org, role } = await requireOrgMember((await params).slug, "members.view");
  const db = await getDb();
  const members = await listMembers(db, org.id);
  const manage = can(role, "members.changeRole");
  // Admins see who receives the after-refresh e-mails (issue 15); each person chooses on their account page.
  const prefs = can(role, "org.settings") ? await memberPreferences(db, org.id) : null;

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="text-sm text-muted-foreground">
          Admins manage members and settings; analysts import data and enter points; viewers see everything read-only.
        </p>
      </div>

      {can(role, "invitations.manage") ? (
        <InvitePanel
          slug={org.slug}
          open={(await listOpenInvitations(db, org.id)).map((inv) => ({
            id: inv.id,
            email: inv.email,
            role: inv.role,
            expiresAt: inv.expiresAt.toISOString(),
            expired: invitationStatus(inv) === "expired",
          }))}
        />
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>People in {org.name}</CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "member" : "members"}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Table aria-label="Members">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>E-mail</TableHead>
                <TableHead>Role</TableHead>
                {prefs ? <TableHead>Refresh e-mails</TableHead> : null}
                {manage ? <TableHead>Manage</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <TableRow key={m.userId}>
                  <TableCell className="font-medium">
                    {m.name}
                    {m.userId === user.id ? <span className="text-muted-foreground"> (you)</span> : null}
                  </TableCell>
                  <TableCell>{m.email}</TableCell>
                  <TableCell>
                    <Badge variant={m.role === "admin" ? "default" : "secondary"}>{roleLabels[m.role]}</Badge>
                  </TableCell>
                  {prefs ? <TableCell>{prefs.get(m.userId) ? "After each refresh" : "None"}</TableCell> : null}
                  {manage ? (
                    <TableCell>
                      <MemberControls slug={org.slug} member={{ userId: m.userId, name: m.name, role: m.role }} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Leave this organisation</CardTitle>
          <CardDescription>An organisation always keeps at least one admin.</CardDescription>
        </CardHeader>
        <CardContent>
          <LeaveOrganization slug={org.slug} orgName={org.name} />
        </CardContent>
      </Card>
    </div>
  );
}
