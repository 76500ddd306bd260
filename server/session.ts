import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { Organization, User } from "@/db/schema";
import { findMembershipBySlug, listUserOrganizations } from "@/db/queries/organizations";
import { findUserById } from "@/db/queries/users";
import { safeCallbackPath } from "@/lib/auth/safe-path";
import { LAST_ORG_COOKIE } from "@/lib/last-org";
import { can, type Permission, type Role } from "@/lib/permissions";
import { isSlug } from "@/lib/slug";
import { sessionClaims } from "./request-context";
import { loadLiveSession, type LoadedSession } from "@/db/queries/user-sessions";
import { loadSignedInSession } from "./session-user";
import { blockedByTwoFactorRule } from "./two-factor-policy";

/** Read-side helpers for server components and pages. Mutations go through server/org-action.ts. */

/** Set by proxy.ts on every request, so pages can send signed-out visitors back where they were. */
export const PATHNAME_HEADER = "x-pcp-pathname";

/** The signed-in user and their session record (checked against the database), or null. Once per request. */
export const getCurrentSession = cache(async () => loadSignedInSession(await getDb(), await sessionClaims()));

/** The signed-in user (from the database, session record and version checked), or null. Once per request. */
export const getCurrentUser = cache(async (): Promise<User | null> => (await getCurrentSession())?.user ?? null);

/** A session whose password was right and that still waits for the authenticator code, or null. */
export const getSessionAwaitingSecondFactor = cache(async (): Promise<LoadedSession | null> => {
  const claims = await sessionClaims();
  if (!claims) return null;
  const loaded = await loadLiveSession(await getDb(), claims);
  return loaded?.state === "awaiting_second_factor" ? loaded : null;
});

/** The signed-in user, or a redirect to the sign-in page that comes back to this page afterwards. */
export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (user) return user;
  const here = safeCallbackPath((await headers()).get(PATHNAME_HEADER), "");
  const back = here ? `?callbackUrl=${encodeURIComponent(here)}` : "";
  // A sign-in whose password was right but whose code was never entered goes back to the code step, not to the
  // password again.
  if (await getSessionAwaitingSecondFactor()) redirect(`${SECOND_FACTOR_PATH}${back}`);
  redirect(`/sign-in${back}`);
}

/** The sign-in's second step (the authenticator or recovery code). */
export const SECOND_FACTOR_PATH = "/sign-in/two-factor";

export type OrgMember = { user: User; org: Organization; role: Role };

/**
 * The current user's membership of the organisation in the URL. Non-members and unknown slugs get the standard
 * 404 (so nobody learns which organisations exist); a member whose role lacks `permission` gets the 403 page
 * (app/o/[slug]/forbidden.tsx), inside the organisation's layout, which says whom to ask.
 */
export const requireOrgMember = cache(async (slug: string, permission?: Permission): Promise<OrgMember> => {
  const user = await requireUser();
  // An unconfirmed address sees no organisation's data (issue 12): it is told to confirm it instead.
  if (!user.emailVerifiedAt) redirect(VERIFY_EMAIL_PATH);
  if (!isSlug(slug)) notFound();
  const membership = await findMembershipBySlug(await getDb(), user.id, slug);
  if (!membership) notFound();
  if (permission && !can(membership.role, permission)) forbidden();
  // The organisation requires two-factor authentication and this session has none: set it up first.
  const current = await getCurrentSession();
  if (!current || (await blockedByTwoFactorRule(await getDb(), membership.org.id, current.session)))
    redirect(`/account/two-factor?required=${encodeURIComponent(slug)}`);
  return { user, org: membership.org, role: membership.role };
});

/** Where a signed-in person whose address is not confirmed yet is sent (with "resend"). */
export const VERIFY_EMAIL_PATH = "/verify-email";

/**
 * Where a signed-in user lands: the e-mail confirmation, the organisation they last opened, else their first one,
 * else the page to create one.
 */
export async function homePathFor(userId: string): Promise<string> {
  const db = await getDb();
  const user = await findUserById(db, userId);
  if (user && !user.emailVerifiedAt) return VERIFY_EMAIL_PATH;
  const last = (await cookies()).get(LAST_ORG_COOKIE)?.value;
  if (last && isSlug(last) && (await findMembershipBySlug(db, userId, last))) return `/o/${last}`;
  const [first] = await listUserOrganizations(db, userId);
  return first ? `/o/${first.org.slug}` : "/orgs/new";
}
