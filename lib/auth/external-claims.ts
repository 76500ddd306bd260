/**
 * What the portal takes from a Microsoft Entra ID token (pure, so every claim shape is unit-tested).
 *
 * Entra lets users and admins set `email` to addresses the tenant does not own, so an address counts as
 * verified only when the token says so: the OpenID `email_verified` claim, or Entra's optional `xms_edov`
 * ("e-mail domain owner verified") claim, which the app registration must add (docs/auth.md).
 */
export type ExternalClaims = {
  issuer: string;
  subject: string;
  /** Lower-cased; null when the token has no usable address. */
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

const isTrue = (v: unknown) => v === true || v === 1 || v === "true" || v === "1";

export function externalClaimsFrom(profile: unknown, fallbackIssuer: string): ExternalClaims | null {
  const p = (profile ?? {}) as Record<string, unknown>;
  const subject = typeof p.sub === "string" && p.sub.length > 0 && p.sub.length <= 255 ? p.sub : null;
  if (!subject) return null;
  const issuer = typeof p.iss === "string" && p.iss.length > 0 ? p.iss : fallbackIssuer;
  const email = usableAddress(p.email);
  return {
    issuer,
    subject,
    email,
    // A verified flag means something only for the `email` claim itself (never for preferred_username).
    emailVerified: email !== null && (isTrue(p.email_verified) || isTrue(p.xms_edov)),
    name: typeof p.name === "string" ? p.name.replace(/[\u0000-\u001f\u007f]/g, "").trim() || null : null,
  };
}

function usableAddress(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const v = value.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(v) && v.length <= 254 ? v : null;
}
