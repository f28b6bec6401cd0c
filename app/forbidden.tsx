import Link from "next/link";

// Rendered (with status 403) when a page calls forbidden(): signed in, but the role does not
// allow this page. See lib/auth/guards.ts requirePermission.
export default function Forbidden() {
  return (
    <section
      aria-labelledby="forbidden-title"
      data-testid="forbidden"
      className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6"
    >
      <h1 id="forbidden-title" className="text-lg font-semibold text-amber-900">
        Your role does not give access to this page
      </h1>
      <p className="mt-2 text-amber-900">
        Ask an admin if you need it. The menu shows the pages you can use.
      </p>
      <p className="mt-3">
        <Link href="/" className="font-medium text-brand-700 underline">
          Go to your start page
        </Link>
      </p>
    </section>
  );
}
