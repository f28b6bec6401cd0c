// Signs the benchmark in to the dashboard (every route needs a session) the way a browser
// without JavaScript would: the login page's form, posted with its hidden server-action
// fields. Returns the Cookie header to send with later requests.

const decode = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/login`)).text();
  const form = new FormData();
  for (const [tag] of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    if (name) form.append(decode(name), decode(/value="([^"]*)"/.exec(tag)?.[1] ?? ""));
  }
  form.append("email", email);
  form.append("password", password);
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Origin: baseUrl },
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  if (res.status !== 303 || cookies.length === 0) {
    throw new Error(`signing in as ${email} failed (status ${res.status})`);
  }
  return cookies.join("; ");
}
