import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { settings, users } from "@/lib/db/schema";
import { decryptSecret, encryptSecret } from "./crypto";

// The Mobivate key entered in Settings: one row of the settings table, the key encrypted.
const SETTING = "mobivate.api";
const PURPOSE = "mobivate-api-key";

const storedSchema = z.object({ baseUrl: z.string(), apiKeyEncrypted: z.string() });

export interface StoredMobivate {
  baseUrl: string;
  apiKey: string;
  updatedAt: Date;
  updatedByEmail: string | null;
}

/** The stored key and base URL, decrypted; null when none. Throws DecryptError. */
export async function readStoredMobivate(db: Db, secret: string): Promise<StoredMobivate | null> {
  const [row] = await db
    .select({ value: settings.value, updatedAt: settings.updatedAt, email: users.email })
    .from(settings)
    .leftJoin(users, eq(users.id, settings.updatedBy))
    .where(eq(settings.key, SETTING));
  if (!row) return null;
  const value = storedSchema.parse(row.value);
  return {
    baseUrl: value.baseUrl,
    apiKey: decryptSecret(value.apiKeyEncrypted, secret, PURPOSE),
    updatedAt: row.updatedAt,
    updatedByEmail: row.email ?? null,
  };
}

export async function writeStoredMobivate(
  db: Db,
  secret: string,
  input: { baseUrl: string; apiKey: string },
  userId: string | null,
): Promise<void> {
  const value = {
    baseUrl: input.baseUrl,
    apiKeyEncrypted: encryptSecret(input.apiKey, secret, PURPOSE),
  };
  const now = new Date();
  await db
    .insert(settings)
    .values({ key: SETTING, value, updatedAt: now, updatedBy: userId })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value, updatedAt: now, updatedBy: userId },
    });
}

export async function clearStoredMobivate(db: Db): Promise<void> {
  await db.delete(settings).where(eq(settings.key, SETTING));
}
