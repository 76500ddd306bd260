import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, organizations, type Invitation, type Organization } from "@/db/schema";
import type { Role } from "@/lib/permissions";

export async function insertInvitation(
  db: Db,
  values: { organizationId: string; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<Invitation> {
  const [row] = await db.insert(invitations).values(values).returning();
  return row!;
}

/** An invitation of this organisation (never another's, whatever id the form sent). */
export async function findOrgInvitation(db: Db, orgId: string, id: string): Promise<Invitation | null> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, orgId), eq(invitations.id, id)))
    .limit(1);
  return row ?? null;
}

/** Not yet accepted or revoked (expired ones included, so they can be resent). */
export async function listOpenInvitations(db: Db, orgId: string): Promise<Invitation[]> {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt));
}

export async function findOpenInvitationFor(db: Db, orgId: string, email: string): Promise<Invitation | null> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, orgId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function findInvitationByTokenHash(
  db: Db,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<{ invitation: Invitation; org: Organization } | null> {
  const query = db
    .select({ invitation: invitations, org: organizations })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: invitations }) : await query;
  return row ?? null;
}

export async function replaceInvitationToken(db: Db, id: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(invitations).set({ tokenHash, expiresAt }).where(eq(invitations.id, id));
}

export async function markInvitationRevoked(db: Db, id: string, at: Date): Promise<void> {
  await db.update(invitations).set({ revokedAt: at }).where(eq(invitations.id, id));
}

export async function markInvitationAccepted(db: Db, id: string, userId: string, at: Date): Promise<void> {
  await db.update(invitations).set({ acceptedAt: at, acceptedBy: userId }).where(eq(invitations.id, id));
}
