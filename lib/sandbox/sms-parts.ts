// SMS segment counting, so that `parts` (and therefore `cost`) is consistent with `body`.
// GSM 03.38 text: 160 septets in one SMS, 153 per part once concatenated (the UDH takes 7);
// extension characters (e.g. "€", "{") cost two septets. Anything else forces UCS-2:
// 70 UTF-16 code units in one SMS, 67 per part (emoji count as two units).

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

const basicSet = new Set(GSM_BASIC);
const extensionSet = new Set(GSM_EXTENSION);

/** Septet count if the text is GSM-7 encodable, otherwise null. */
export function gsmSeptets(text: string): number | null {
  let septets = 0;
  for (const ch of text) {
    if (basicSet.has(ch)) septets += 1;
    else if (extensionSet.has(ch)) septets += 2;
    else return null;
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
