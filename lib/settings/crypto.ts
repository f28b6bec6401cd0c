import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// AES-256-GCM for secrets at rest. The key comes from DASHBOARD_SECRET through HKDF-SHA256
// (the secret is already high-entropy, so a slow KDF adds nothing); `purpose` is bound as
// additional data, so a ciphertext cannot be moved to another setting.
const VERSION = "v1";
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export class DecryptError extends Error {
  constructor() {
    super("The stored value cannot be decrypted with the current DASHBOARD_SECRET");
    this.name = "DecryptError";
  }
}

function deriveKey(secret: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", secret, "mobivate-dashboard", "settings-encryption-v1", 32),
  );
}

/** `v1:` + base64(iv ‖ tag ‖ ciphertext). */
export function encryptSecret(plaintext: string, secret: string, purpose: string): string {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret), iv, {
    authTagLength: TAG_LENGTH,
  });
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecret(stored: string, secret: string, purpose: string): string {
  const [version, payload] = stored.split(":");
  if (version !== VERSION || !payload) throw new DecryptError();
  const raw = Buffer.from(payload, "base64");
  if (raw.length < IV_LENGTH + TAG_LENGTH) throw new DecryptError();
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      deriveKey(secret),
      raw.subarray(0, IV_LENGTH),
      { authTagLength: TAG_LENGTH },
    );
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(raw.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_LENGTH + TAG_LENGTH)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new DecryptError();
  }
}

/** What a person may see of a secret: its last 4 characters. */
export function maskSecret(secret: string): string {
  return `••••${secret.slice(-4)}`;
}
