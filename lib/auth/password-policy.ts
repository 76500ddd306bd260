import { commonPasswords } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes whatever it gets; an upper bound keeps a megabyte "password" from costing CPU. */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a new password is refused, as a sentence for the form; null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return "This password is too common; choose a less predictable one.";
  if (new Set(lowered).size === 1) return "This password is too predictable; choose a less predictable one.";
  const email = context.email?.trim().toLowerCase();
  if (email && (lowered === email || lowered === email.split("@")[0])) {
    return "Do not use your e-mail address as the password.";
  }
  return null;
}
