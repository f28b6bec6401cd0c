"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";
import "./globals.css";

// When the root layout itself threw (e.g. the session could not be read): this replaces the
// whole document, so it renders its own <html> and <body>, without the menu (which is what
// failed) and with a plain way to the home page.
export default function GlobalError(props: ErrorInfo) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>The dashboard could not be shown · Mobivate dashboard</title>
        <main id="main" className="mx-auto max-w-2xl px-4 py-10">
          <SegmentError
            {...props}
            what="The dashboard"
            way={{ href: "/", label: "Go to the home page" }}
          />
        </main>
      </body>
    </html>
  );
}
