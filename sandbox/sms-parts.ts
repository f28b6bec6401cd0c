// SMS segment counting, so that `parts` (and therefore `cost`) is consistent with `body`.
// GSM 03.38 text: 160 septets in one SMS, 153 per part once concatenated (the UDH takes 7);
// extension characters (e.g. "€", "{") cost two septets. Anything else forces UCS-2:
// 70 UTF-16 code units in one SMS, 67 per part (emoji count as two units).

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

// Septets per UTF-16 code unit: 0 = not GSM (surrogates included, so emoji are never GSM).
const SEPTETS = new Uint8Array(0x10000);
for (const ch of GSM_BASIC) SEPTETS[ch.charCodeAt(0)] = 1;
for (const ch of GSM_EXTENSION) SEPTETS[ch.charCodeAt(0)] = 2;

/** Septet count if the text is GSM-7 encodable, otherwise null. */
export function gsmSeptets(text: string): number | null {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = SEPTETS[text.charCodeAt(i)] ?? 0;
    if (cost === 0) return null;
    septets += cost;
  }
  return septets;
}

export function isGsmText(text: string): boolean {
  return gsmSeptets(text) !== null;
}

/** Number of SMS segments the body is sent as (at least 1, even for an empty body). */
export function smsParts(text: string): number {
  const septets = gsmSeptets(text);
  if (septets !== null) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = text.length; // UTF-16 code units, which is what UCS-2 segments count
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
