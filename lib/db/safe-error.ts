// Error text that is safe for the server log. Drizzle puts a failed query's parameters in its
// message ("Failed query: …\nparams: …"), and those can be password hashes, encrypted keys or
// customers' numbers: keep the statement, drop the values. The cause's message (e.g.
// PostgreSQL's own "duplicate key …") carries no parameters and is kept.
export function safeErrorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 300);
  const own = (err.message.split(/\nparams:/)[0] ?? "").slice(0, 500);
  const cause = err.cause instanceof Error ? ` (${err.cause.message.slice(0, 300)})` : "";
  return `${err.name}: ${own}${cause}`;
}
