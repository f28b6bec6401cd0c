import type { Metadata } from "next";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { SiteNav } from "@/components/site-nav";
import { shellSession } from "@/lib/auth/shell-session";
import { navLinksFor } from "@/lib/auth/pages";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Mobivate dashboard", template: "%s · Mobivate dashboard" },
  description: "Message logs, opt-outs and spend for a Mobivate Bulk SMS account",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The menu shows only what the role can use (every page and route checks again itself).
  const session = await shellSession();
  const links =
    session.state === "signed-in"
      ? navLinksFor(session.user.role).map(({ href, label }) => ({ href, label }))
      : [];
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-700"
        >
          Skip to content
        </a>
        <header className="bg-brand-800 text-white">
          <div className="mx-auto flex max-w-[1600px] items-center gap-3 px-4 py-3 sm:gap-6">
            <span className="text-base font-semibold tracking-tight">
              Mobivate<span className="hidden sm:inline"> dashboard</span>
            </span>
            <SiteNav links={links} />
            <UserMenu session={session} />
          </div>
        </header>
        <Providers>
          <main id="main" className="mx-auto max-w-[1600px] px-4 py-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
