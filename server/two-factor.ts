import crypto from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Db } from "@/db/client";
import type { User, UserSession } from "@/db/schema";
import { markSignInSucceeded } from "@/db/queries/sign-in-attempts";
import {
  acceptTimeStep,
  confirmTwoFactor,
  findTwoFactor,
  removeTwoFactor,
  replaceRecoveryCodes,
  savePendingSecret,
  consumeRecoveryCode,
} from "@/db/queries/two-factor";
import { completeSecondFactor, markSecondFactor } from "@/db/queries/user-sessions";
import { rateLimitMessage, reserveAttempt, type RateLimited } from "./credentials";
import { decryptTotpSecret, encryptTotpSecret } from "./two-factor-secret";

/**
 * Two-factor authentication with an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, as every app
 * supports) through otplib, plus ten single-use recovery codes. Docs: docs/auth.md.
 */
export const TOTP_ISSUER = "Partner Capability Portal";
/** One step either side: a phone clock 30 s off still works; a code is accepted once (last_time_step). */
const EPOCH_TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

export type Enrolment = { secret: string; otpauthUri: string; qrSvg: string };

/** A new secret for an account without a confirmed authenticator, stored encrypted; false when one is confirmed. */
export async function startEnrolment(db: Db, user: User): Promise<boolean> {
  return savePendingSecret(db, user.id, encryptTotpSecret(generateSecret()));
}

/**
 * The secret of an enrolment still waiting for its first code, as a QR code and as text for the set-up page.
 * Once the enrolment is confirmed this returns null: the secret is never shown or sent again.
 */
export async function pendingEnrolment(db: Db, user: User): Promise<Enrolment | null> {
  const row = await findTwoFactor(db, user.id);
  if (!row || row.confirmedAt) return null;
  const secret = decryptTotpSecret(row.secretCiphertext);
  if (!secret) return null;
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: user.email, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, otpauthUri, qrSvg };
}

/** The first code from the app confirms the enrolment; the recovery codes are returned this once. */
export async function confirmEnrolment(
  db: Db,
  input: { user: User; code: string; ip: string; sessionId: string | null },
  now: Date = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; message: string }> {
  const row = await findTwoFactor(db, input.user.id);
  if (!row || row.confirmedAt) return { ok: false, message: "Start the set-up again." };
  const reserved = await reserveAttempt(db, { email: input.user.email, ip: input.ip }, now);
  if (!reserved.ok) return { ok: false, message: rateLimitMessage(reserved.retryAfterSeconds) };
  if (!(await verifyTotp(db, input.user.id, row.secretCiphertext, input.code, now)))
    return { ok: false, message: "That code is not right. Enter the 6-digit code your app shows now." };
  await markSignInSucceeded(db, reserved.id);
  const recoveryCodes = newRecoveryCodes();
  await confirmTwoFactor(db, input.user.id, recoveryCodes.map(hashRecoveryCode), now);
  // This browser has just shown the second factor: it satisfies an organisation that requires one.
  if (input.sessionId) await markSecondFactor(db, input.sessionId, "totp");
  return { ok: true, recoveryCodes };
}

export type SecondFactorResult =
  { ok: true; factor: "totp" | "recovery_code" } | { ok: false; reason: "invalid" } | RateLimited;

/**
 * The sign-in's second step for a session awaiting it. Rate-limited with the password attempts (the same
 * per-account and per-address allowance, reserved atomically), so codes cannot be guessed in parallel either.
 */
export async function completeSignInWithCode(
  db: Db,
  input: { user: User; session: UserSession; code: string; ip: string },
  now: Date = new Date(),
): Promise<SecondFactorResult> {
  const proved = await proveSecondFactor(db, input, now);
  if (proved.ok) await completeSecondFactor(db, input.session.id, proved.factor, now);
  return proved;
}

/**
 * Turning the authenticator off, issuing new recovery codes or confirming an older session needs a current code
 * (or a recovery code), rate-limited like sign-in.
 */
export async function proveSecondFactor(
  db: Db,
  input: { user: User; code: string; ip: string },
  now: Date = new Date(),
): Promise<{ ok: true; factor: "totp" | "recovery_code" } | { ok: false; reason: "invalid" } | RateLimited> {
  const reserved = await reserveAttempt(db, { email: input.user.email, ip: input.ip }, now);
  if (!reserved.ok) return reserved;
  const factor = await checkCode(db, input.user, input.code, now);
  if (!factor) return { ok: false, reason: "invalid" };
  await markSignInSucceeded(db, reserved.id);
  return { ok: true, factor };
}

async function checkCode(db: Db, user: User, code: string, now: Date): Promise<"totp" | "recovery_code" | null> {
  const row = await findTwoFactor(db, user.id);
  if (!row?.confirmedAt) return null;
  if (/^\d{6}$/.test(code.replace(/\s/g, "")))
    return (await verifyTotp(db, user.id, row.secretCiphertext, code, now)) ? "totp" : null;
  return (await consumeRecoveryCode(db, user.id, hashRecoveryCode(code), now)) ? "recovery_code" : null;
}

export async function disableTwoFactor(db: Db, user: User): Promise<void> {
  await removeTwoFactor(db, user.id);
}

/** Marks a session as having shown a second factor (an older session of someone who enrolled elsewhere). */
export async function markSessionSecondFactor(db: Db, sessionId: string): Promise<void> {
  await markSecondFactor(db, sessionId, "totp");
}

export async function regenerateRecoveryCodes(db: Db, user: User): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(db, user.id, codes.map(hashRecoveryCode));
  return codes;
}

async function verifyTotp(db: Db, userId: string, ciphertext: string, code: string, now: Date): Promise<boolean> {
  const secret = decryptTotpSecret(ciphertext);
  const token = code.replace(/\s/g, "");
  if (!secret || !/^\d{6}$/.test(token)) return false;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
  });
  // Replay: the time step must be newer than the last accepted one (an atomic compare-and-set).
  return result.valid && "timeStep" in result && (await acceptTimeStep(db, userId, result.timeStep));
}

/** 100 random bits each: twenty base-32 characters (no 0, 1, l or o to misread) in four groups of five. */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = crypto.randomBytes(20);
    const chars = Array.from(bytes, (b) => alphabet[b % 32]).join("");
    return chars.match(/.{5}/g)!.join("-");
  });
}

export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, "");
  return crypto.createHash("sha256").update(`pcp.recovery-code:${normalised}`).digest("hex");
}
