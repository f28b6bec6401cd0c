import type { MessageFindings, RecordsFindings } from "./inspect";
import type { ApiCheckReport } from "./run";

// The words `npm run check-api` prints. Exit codes: 0 the account reads as the dashboard
// expects (findings are for information), 2 some records cannot be read by the dashboard
// (a page holding one fails in the app), 1 (set by the script) the key was rejected or the API
// could not be reached.

export const EXIT_UNREADABLE_RECORDS = 2;

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");

const records = (n: number) => `${n} record${n === 1 ? "" : "s"}`;

function unknowns(label: string, f: RecordsFindings, expectedForm: string): string[] {
  const out: string[] = [];
  for (const [field, n] of Object.entries(f.extraFields)) {
    out.push(`${label}: extra field "${field}" in ${records(n)} (the dashboard ignores it)`);
  }
  for (const [field, n] of Object.entries(f.missingFields)) {
    out.push(`${label}: field "${field}" missing in ${records(n)} (shown empty or defaulted)`);
  }
  for (const [form, n] of Object.entries(f.unexpectedDateForms)) {
    out.push(`${label}: ${form} in ${records(n)}; documented: ${expectedForm}`);
  }
  if (f.order === "descending" || f.order === "unordered") {
    out.push(
      `${label}: the page is ${f.order} by created; the dashboard expects oldest first (ascending)`,
    );
  }
  if (f.outsideRange > 0) {
    out.push(`${label}: ${records(f.outsideRange)} created outside the range asked for`);
  }
  return out;
}

function messageUnknowns(f: MessageFindings): string[] {
  const out = unknowns("messages", f, "YYYY-MM-DDTHH:MM:SS±HHMM");
  for (const [status, n] of Object.entries(f.unknownStatuses)) {
    out.push(`messages: unknown status "${status}" in ${records(n)} (shown as it comes)`);
  }
  for (const [direction, n] of Object.entries(f.unknownDirections)) {
    out.push(`messages: unknown direction "${direction}" in ${records(n)} (expected MO or MT)`);
  }
  return out;
}

function readLine(label: string, f: RecordsFindings, path: string, ms?: number): string {
  const timing = `GET ${path}${ms === undefined ? "" : `, ${ms} ms`}`;
  if (f.invalid === 0) {
    const all = f.records === 0 ? "none in the last 24 hours" : "all readable";
    return `✓ ${label}: ${records(f.records)}, ${all} (${timing})`;
  }
  return [
    `✗ ${label}: ${f.invalid} of ${records(f.records)} cannot be read by the dashboard (${timing})`,
    ...f.invalidExamples.map((e) => `    ${e}`),
  ].join("\n");
}

export function formatReport(r: ApiCheckReport): { text: string; exitCode: number } {
  const ms = (path: string) => r.latency.find((t) => t.path === path)?.ms;
  const lines = [
    `Mobivate API check: ${r.baseUrl}`,
    `Range: ${r.range.startDate} to ${r.range.endDate} (the last 24 hours), first page of up to ${r.pageSize} records`,
    "",
    `✓ Key: ${r.keyMessage} (GET /auth/test, ${ms("/auth/test")} ms)`,
    readLine("Messages", r.messages, "/message", ms("/message")),
  ];
  if (r.messages.records > 0) {
    lines.push(`    order by created: ${r.messages.order}`);
    lines.push(`    statuses: ${list(r.messages.statuses) || "none"}`);
    lines.push(`    date forms: ${list(r.messages.dateForms)}`);
  }
  lines.push(readLine("Opt-outs", r.optOuts, "/addressbook/optout", ms("/addressbook/optout")));
  if (r.optOuts.records > 0) lines.push(`    order by created: ${r.optOuts.order}`);

  const found = [
    ...messageUnknowns(r.messages),
    ...unknowns("opt-outs", r.optOuts, "epoch milliseconds (number)"),
  ];
  lines.push("", "What the dashboard does not know yet:");
  if (found.length === 0) lines.push("  nothing: every record is what the dashboard expects.");
  else lines.push(...found.map((f) => `  - ${f}`));
  if (r.messages.records === r.pageSize) {
    lines.push(`  (the messages page was full: only the first ${r.pageSize} were looked at)`);
  }

  const total = r.latency.reduce((a, t) => a + t.ms, 0);
  lines.push(
    "",
    `Latency: ${r.latency.map((t) => `${t.path} ${t.ms} ms`).join(", ")} (${total} ms in all)`,
  );
  const unreadable = r.messages.invalid + r.optOuts.invalid;
  lines.push(
    unreadable > 0
      ? `Result: ${records(unreadable)} the dashboard cannot read (exit code ${EXIT_UNREADABLE_RECORDS}). Read-only: ${r.latency.length} GET requests, nothing sent or changed.`
      : `Result: OK. Read-only: ${r.latency.length} GET requests, nothing sent or changed.`,
  );
  return { text: lines.join("\n"), exitCode: unreadable > 0 ? EXIT_UNREADABLE_RECORDS : 0 };
}
