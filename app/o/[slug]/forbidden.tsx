import type { Metadata } from "next";
import { headers } from "next/headers";
import { Lock } from "lucide-react";

import { OrgHomeButton } from "@/components/app-shell/org-home-button";
import { StatusPage } from "@/components/app-shell/status-page";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/memberships";
import { roleLabels } from "@/lib/permissions";
import { isSlug } from "@/lib/slug";
import { PATHNAME_HEADER, requireOrgMember } from "@/server/session";

export const metadata: Metadata = { title: "No access" };

/**
 * A member whose role does not allow the page (server/session.ts calls forbidden()): 403, inside the
 * organisation's layout, naming the member's role and the admins who can change it. Forbidden pages get no params,
 * so the organisation comes from the path the proxy passes on.
 */
export default async function OrgForbidden() {
  const slug = (await headers()).get(PATHNAME_HEADER)?.split(/[/?#]/)[2] ?? "";
  const member = isSlug(slug) ? await requireOrgMember(slug) : null;
  const admins = member
    ? (await listMembers(await getDb(), member.org.id)).filter((m) => m.role === "admin" && m.userId !== member.user.id)
    : [];
  return (
    <StatusPage icon={<Lock />} title="You don't have access to this page" actions={<OrgHomeButton />}>
      <p>
        {member
          ? `Your role in ${member.org.name} is ${roleLabels[member.role]}, which does not include this page.`
          : "Your role in this organisation does not include this page."}{" "}
        Ask an admin to change your role if you need it.
      </p>
      {admins.length > 0 ? (
        <p data-testid="forbidden-admins">
          {admins.length === 1 ? "The admin is " : "Its admins are "}
          {admins.slice(0, 3).map((a, i) => (
            <span key={a.userId}>
              {i > 0 ? (i === Math.min(admins.length, 3) - 1 && admins.length <= 3 ? " and " : ", ") : null}
              <a className="font-medium text-foreground underline underline-offset-4" href={`mailto:${a.email}`}>
                {a.name}
              </a>
            </span>
          ))}
          {admins.length > 3 ? ` and ${admins.length - 3} more` : null}.
        </p>
      ) : null}
    </StatusPage>
  );
}
