import type { Db } from "@/db/client";
import type { UserSession } from "@/db/schema";
import { organizationRequiresTwoFactor } from "@/db/queries/two-factor";

/**
 * An organisation can require two-factor authentication of its members (organization_security). A session
 * satisfies it when it proved a second factor (the authenticator code at sign-in, a recovery code, or enrolling
 * during this session) or came through Microsoft Entra ID, whose own policies (MFA, conditional access) apply.
 */
export function sessionHasSecondFactor(session: Pick<UserSession, "method" | "secondFactor">): boolean {
  return session.method === "microsoft" || session.secondFactor !== null;
}

export async function blockedByTwoFactorRule(
  db: Db,
  organizationId: string,
  session: Pick<UserSession, "method" | "secondFactor">,
): Promise<boolean> {
  return !sessionHasSecondFactor(session) && (await organizationRequiresTwoFactor(db, organizationId));
}

export const TWO_FACTOR_REQUIRED_MESSAGE =
  "This organisation requires two-factor authentication. Set up an authenticator app on your account page first.";
