import { hashSecretToken, looksLikeSecretToken, newSecretToken } from "./secret-token";

/** Invitation links use the portal's one kind of mailed secret (server/secret-token.ts). */
export const newInvitationToken = newSecretToken;
export const hashInvitationToken = hashSecretToken;
export const looksLikeInvitationToken = looksLikeSecretToken;
