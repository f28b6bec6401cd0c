import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { checkBaseUrl } from "./base-url";

// The Settings form's fields, checked in the browser and again in the server actions.
export const DEFAULT_BASE_URL = "https://api.mobivatebulksms.com";

/** Normalised by the one base-URL rule (https; http only to this machine; no metadata hosts). */
export const baseUrlSchema = safeText({ max: 500, label: "The base URL" }).transform((v, ctx) => {
  const checked = checkBaseUrl(v);
  if (checked.ok) return checked.url;
  ctx.addIssue({ code: "custom", message: checked.reason });
  return z.NEVER;
});

export const apiKeySchema = safeText({ max: 500, label: "The API key" })
  .trim()
  .min(8, "The API key looks too short: paste the whole key.")
  .regex(/^\S+$/, "The API key cannot contain spaces.")
  // A key travels in an HTTP header, which carries printable ASCII only: anything else would
  // pass here and then fail as "could not reach the API".
  .regex(
    /^[\x21-\x7e]+$/,
    "The API key can only contain letters, digits and punctuation (no accented or other characters): paste the key exactly as Mobivate gave it.",
  );

export const saveKeySchema = z.object({ baseUrl: baseUrlSchema, apiKey: apiKeySchema });

/** Test what was typed, or (no key typed) the key in use now. */
export const testKeySchema = z.object({
  baseUrl: baseUrlSchema,
  apiKey: z.preprocess((v) => (v === "" ? undefined : v), apiKeySchema.optional()),
});
