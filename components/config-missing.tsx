/** Shown instead of data pages when the server has no API key: says exactly what to set. */
export function ConfigMissing() {
  return (
    <section
      aria-labelledby="config-missing-title"
      className="mx-auto max-w-2xl rounded-lg border border-amber-300 bg-amber-50 p-6"
    >
      <h1 id="config-missing-title" className="text-lg font-semibold text-amber-900">
        The dashboard is not connected to Mobivate yet
      </h1>
      <p className="mt-2 text-amber-900">
        No API key is configured. An admin can enter it in{" "}
        <a href="/settings" className="font-medium underline">
          Settings
        </a>
        , or set these environment variables on the server and restart the dashboard:
      </p>
      <pre className="mt-3 overflow-x-auto rounded bg-white p-3 text-sm text-slate-800">
        {`MOBIVATE_API_KEY=<your API key>
MOBIVATE_API_BASE_URL=https://api.mobivatebulksms.com   # optional`}
      </pre>
      <p className="mt-3 text-sm text-amber-900">
        The key stays on the server: it is never sent to the browser.
      </p>
    </section>
  );
}
