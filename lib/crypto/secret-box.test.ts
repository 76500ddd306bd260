import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyIdOf, needsReseal, openSecret, parseSecretKey, sealSecret, SecretKeyError } from "./secret-box";

const newKey = () => parseSecretKey(randomBytes(32).toString("base64"), "PCP_ENCRYPTION_KEY");

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const key = newKey();
    const sealed = sealSecret("s3cr3t~value.with-chars", key, "org-1");
    expect(sealed.keyId).toBe(key.id);
    expect(Buffer.from(sealed.ciphertext, "base64").toString("latin1")).not.toContain("s3cr3t");
    expect(openSecret(sealed, [key], "org-1")).toBe("s3cr3t~value.with-chars");
  });

  it("seals the same secret differently each time (a fresh IV)", () => {
    const key = newKey();
    expect(sealSecret("x", key, "c").ciphertext).not.toBe(sealSecret("x", key, "c").ciphertext);
  });

  it("refuses a ciphertext with one bit flipped anywhere", () => {
    const key = newKey();
    const sealed = sealSecret("the secret", key, "org-1");
    const raw = Buffer.from(sealed.ciphertext, "base64");
    for (let i = 0; i < raw.length; i++) {
      const tampered = Buffer.from(raw);
      tampered[i]! ^= 0x01;
      expect(() => openSecret({ ...sealed, ciphertext: tampered.toString("base64") }, [key], "org-1")).toThrow(
        SecretKeyError,
      );
    }
  });

  it("refuses a ciphertext moved to another context (another organisation)", () => {
    const key = newKey();
    const sealed = sealSecret("the secret", key, "org-1");
    expect(() => openSecret(sealed, [key], "org-2")).toThrow(/damaged or was altered/);
  });

  it("refuses a truncated ciphertext and an unknown key id", () => {
    const key = newKey();
    const sealed = sealSecret("the secret", key, "org-1");
    expect(() => openSecret({ ...sealed, ciphertext: "AAAA" }, [key], "org-1")).toThrow(/damaged/);
    expect(() => openSecret({ ...sealed, keyId: "000000000000" }, [key], "org-1")).toThrow(/not configured/);
  });

  it("rotates: the previous key still opens its ciphertexts, which are then re-sealed with the current key", () => {
    const previous = newKey();
    const current = newKey();
    const old = sealSecret("rotated secret", previous, "org-1");
    expect(needsReseal(old, current)).toBe(true);
    const plaintext = openSecret(old, [current, previous], "org-1");
    const resealed = sealSecret(plaintext, current, "org-1");
    expect(needsReseal(resealed, current)).toBe(false);
    // Once the previous key is gone, only the re-sealed ciphertext opens.
    expect(openSecret(resealed, [current], "org-1")).toBe("rotated secret");
    expect(() => openSecret(old, [current], "org-1")).toThrow(/not configured/);
  });

  it("accepts only 32 bytes of base64 as a key, naming the variable otherwise", () => {
    expect(() => parseSecretKey(randomBytes(16).toString("base64"), "PCP_ENCRYPTION_KEY")).toThrow(
      /PCP_ENCRYPTION_KEY must be 32 random bytes/,
    );
    expect(() => parseSecretKey("not base64!", "PCP_ENCRYPTION_KEY_PREVIOUS")).toThrow(/_PREVIOUS must be/);
    const bytes = randomBytes(32);
    expect(parseSecretKey(` ${bytes.toString("base64")}\n`, "K").id).toBe(keyIdOf(bytes));
  });
});
