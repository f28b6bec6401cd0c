// Money on the Spend page. It arrives as exact decimal strings and is only regrouped here,
// never turned into a float, so what is shown is exactly what was summed. Counts, days and
// seconds: lib/report/format.ts.

/** "12345.6789" → "12,345.6789" (the digits are kept as they are). */
export function formatMoney(amount: string): string {
  const negative = amount.startsWith("-");
  const [int = "0", frac] = (negative ? amount.slice(1) : amount).split(".");
  const grouped = /^\d+$/.test(int) ? groupThousands(int) : int;
  return `${negative ? "-" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

/** "1234567" → "1,234,567". A loop, not a look-ahead regex: linear in the number of digits. */
function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join(",");
}
