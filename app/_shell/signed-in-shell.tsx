import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { NavLink } from "@/components/app-shell/nav-link";
import type { Organization, User } from "@/db/schema";
import { getDb } from "@/db/client";
import { listUserOrganizations } from "@/db/queries/organizations";
import { can, type Role } from "@/lib/permissions";
import { OrgSwitcher } from "@/components/org/org-switcher";
import { UserMenu } from "@/components/org/user-menu";
import { signOutAction } from "@/app/(auth)/actions";

/** Page chrome for signed-in pages: organisation switcher, the org's navigation (by permission) and the user menu. */
export async function SignedInShell({
  user,
  current,
  children,
}: {
  user: User;
  current?: { org: Organization; role: Role };
  children: ReactNode;
}) {
  const orgs = (await listUserOrganizations(await getDb(), user.id)).map((m) => ({
    slug: m.org.slug,
    name: m.org.name,
    role: m.role,
  }));
  const base = current ? `/o/${current.org.slug}` : "";
  return (
    <AppShell
      orgSwitcher={
        current ? (
          <OrgSwitcher current={{ slug: current.org.slug, name: current.org.name, role: current.role }} orgs={orgs} />
        ) : null
      }
      nav={
        current ? (
          <>
            <NavLink href={base} exact>
              Dashboard
            </NavLink>
            <NavLink href={`${base}/snapshots`}>Snapshots</NavLink>
            <NavLink href={`${base}/simulate`}>Simulator</NavLink>
            <NavLink href={`${base}/imports`}>Imports</NavLink>
            <NavLink href={`${base}/data`}>Data</NavLink>
            <NavLink href={`${base}/rules`}>Rules</NavLink>
            <NavLink href={`${base}/members`}>Members</NavLink>
            {can(current.role, "audit.view") ? <NavLink href={`${base}/audit`}>Audit log</NavLink> : null}
            {can(current.role, "org.settings") ? <NavLink href={`${base}/settings`}>Settings</NavLink> : null}
          </>
        ) : null
      }
      userMenu={<UserMenu name={user.name} email={user.email} signOut={signOutAction} />}
    >
      {children}
    </AppShell>
  );
}
