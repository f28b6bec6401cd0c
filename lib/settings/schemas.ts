import { z } from "zod";

// The Settings form's fields, checked in the browser and again in the server actions.
export const DEFAULT_BASE_URL = "https://api.mobivatebulksms.com";

export const baseUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the API base URL.")
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "The base URL must be an absolute http(s) URL such as https://api.mobivatebulksms.com.");

export const apiKeySchema = z
  .string()
  .trim()
  .min(8, "The API key looks too short: paste the whole key.")
  .max(500, "The API key looks too long.")
  .regex(/^\S+$/, "The API key cannot contain spaces.");

export const saveKeySchema = z.object({ baseUrl: baseUrlSchema, apiKey: apiKeySchema });

/** Test what was typed, or (no key typed) the key in use now. */
export const testKeySchema = z.object({
  baseUrl: baseUrlSchema,
  apiKey: z.preprocess((v) => (v === "" ? undefined : v), apiKeySchema.optional()),
});
