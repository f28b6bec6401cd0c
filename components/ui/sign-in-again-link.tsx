"use client";

// The way on from an ended session: the sign-in page, which brings the person back to this
// page (with its filters) afterwards. Without script the link still leads to /login.
export function SignInAgainLink() {
  return (
    <a
      href="/login"
      onClick={(e) => {
        e.preventDefault();
        const next = `${window.location.pathname}${window.location.search}`;
        // A full load on purpose: nothing the ended session had in memory (cached reads) stays.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`/login?next=${encodeURIComponent(next)}`);
      }}
      className="mt-3 inline-block rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-900 ring-1 ring-red-300 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-700"
    >
      Sign in again
    </a>
  );
}
