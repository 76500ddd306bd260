import crypto from "node:crypto";
import { asc, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  apiTokens,
  auditLog,
  dataRevisions,
  imports,
  invitations,
  jobs,
  connectorRuns,
  memberships,
  organizations,
  organizationSecurity,
  partnerCenterConnections,
  users,
  type Organization,
  type User,
} from "@/db/schema";
import type { Role } from "@/lib/permissions";
import { createSession } from "@/db/queries/user-sessions";
import type { ActionContext } from "@/server/org-action";
import type { SessionClaims } from "@/server/session-user";
import { hashPassword } from "@/server/passwords";
import { newInvitationToken } from "@/server/invitation-token";
import { invitationExpiry } from "@/lib/invitations/status";

export const TEST_PASSWORD = "Correct-Horse-Battery-42";
let passwordHash: Promise<string> | undefined;

export const unique = () => crypto.randomUUID().slice(0, 8);

export async function seedUser(db: Db, label = "user", email?: string): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = unique();
  const [user] = await db
    .insert(users)
    .values({
      email: email ?? `${label}-${id}@example.test`,
      name: `${label} ${id}`,
      passwordHash: await passwordHash,
      emailVerifiedAt: new Date(),
    })
    .returning();
  await seedSession(db, user!);
  return user!;
}

/** The signed-in session (server-side record) each seeded user gets, for contextFor. */
const seededSessions = new Map<string, string>();

/** A new signed-in session record for the user, as a password sign-in makes; returns the cookie's claims. */
export async function seedSession(
  db: Db,
  user: Pick<User, "id" | "sessionVersion">,
  values: { method?: "password" | "microsoft"; awaitingSecondFactor?: boolean; now?: Date } = {},
): Promise<SessionClaims> {
  const session = await createSession(
    db,
    {
      userId: user.id,
      method: values.method ?? "password",
      awaitingSecondFactor: values.awaitingSecondFactor ?? false,
      sessionVersion: user.sessionVersion,
      ip: "203.0.113.9",
      userAgent: "vitest",
    },
    values.now,
  );
  // The user's first session is the one contextFor acts in (users made by sign-up rather than seedUser too).
  if (!seededSessions.has(user.id)) seededSessions.set(user.id, session.id);
  return { userId: user.id, sessionVersion: user.sessionVersion, sessionId: session.id };
}

/** A fresh organisation whose members have the given roles, keyed by label. */
export async function seedOrg<L extends string>(
  db: Db,
  members: Record<L, Role>,
): Promise<{ org: Organization; users: Record<L, User> }> {
  const id = unique();
  const [org] = await db
    .insert(organizations)
    .values({ slug: `org-${id}`, name: `Org ${id}` })
    .returning();
  const out = {} as Record<L, User>;
  for (const [label, role] of Object.entries(members) as [L, Role][]) {
    const user = await seedUser(db, label);
    await db.insert(memberships).values({ organizationId: org!.id, userId: user.id, role });
    out[label] = user;
  }
  return { org: org!, users: out };
}

/** A pending invitation of the organisation; returns its id and (for accept tests) its raw token. */
export async function seedInvitation(
  db: Db,
  organizationId: string,
  invitedBy: string,
  email = `invitee-${unique()}@example.test`,
) {
  const { token, tokenHash } = newInvitationToken();
  const [row] = await db
    .insert(invitations)
    .values({ organizationId, email, role: "analyst", tokenHash, invitedBy, expiresAt: invitationExpiry() })
    .returning();
  return { id: row!.id, token, email };
}

/** The claims of the session seeded with the user (as a signed-in cookie carries them). */
export function sessionClaimsOf(user: User): SessionClaims {
  return { userId: user.id, sessionVersion: user.sessionVersion, sessionId: sessionIdOf(user) };
}

function sessionIdOf(user: User): string {
  const id = seededSessions.get(user.id);
  if (!id)
    throw new Error(`No session was seeded for ${user.email}: create the user with seedUser, or use seedSession.`);
  return id;
}

export function contextFor(db: Db, user: User | null): ActionContext {
  return {
    db,
    session: user ? { userId: user.id, sessionVersion: user.sessionVersion, sessionId: sessionIdOf(user) } : null,
    ip: "203.0.113.9",
    userAgent: "vitest",
  };
}

/** Every row of the tables an organisation action can touch, in a stable order: compare before/after a denial. */
export async function dumpTables(db: Db): Promise<string> {
  const [u, o, m, a] = await Promise.all([
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(organizations).orderBy(asc(organizations.id)),
    db.select().from(memberships).orderBy(asc(memberships.organizationId), asc(memberships.userId)),
    db.select().from(auditLog).orderBy(asc(auditLog.id)),
  ]);
  // The organisation's data too: a refused import, decision or rollback must leave it untouched.
  const [pc, runs] = await Promise.all([
    db.select().from(partnerCenterConnections).orderBy(asc(partnerCenterConnections.organizationId)),
    db.select().from(connectorRuns).orderBy(asc(connectorRuns.id)),
  ]);
  const [i, r, j, inv, sec, tok] = await Promise.all([
    db.select().from(imports).orderBy(asc(imports.id)),
    db.select().from(dataRevisions).orderBy(asc(dataRevisions.id)),
    db.select().from(jobs).orderBy(asc(jobs.id)),
    db.select().from(invitations).orderBy(asc(invitations.id)),
    db.select().from(organizationSecurity).orderBy(asc(organizationSecurity.organizationId)),
    db.select().from(apiTokens).orderBy(asc(apiTokens.id)),
  ]);
  return JSON.stringify({ u, o, m, a, i, r, j, inv, sec, pc, runs, tok }, (_k, v) =>
    typeof v === "bigint" ? v.toString() : v,
  );
}

export async function auditRows(db: Db, orgId: string) {
  return db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.organizationId} = ${orgId}`)
    .orderBy(asc(auditLog.id));
}
