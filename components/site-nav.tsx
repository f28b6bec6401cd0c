"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";

/**
 * The main navigation: the layout passes only the links the signed-in role may use. On wide
 * screens a row of links; below `lg` one "Menu" button that opens them as a list (a disclosure:
 * aria-expanded, Escape closes and gives the focus back to the button, a press outside or
 * following a link closes it), instead of a column of links taking the whole first screen.
 */
export function SiteNav({ links }: { links: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  // Open on the page it was opened on: once a link (or Back) lands elsewhere it is closed.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (o: boolean) => setOpenOn(o ? pathname : null);
  const listId = useId();
  const navRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useDismiss(open, navRef, (how) => {
    setOpen(false);
    if (how === "escape") buttonRef.current?.focus();
  });

  if (links.length === 0) return null;
  return (
    <nav ref={navRef} aria-label="Main" className="relative lg:static">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-white ring-1 ring-white/40 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="currentColor">
          {open ? (
            <path d="M3.5 2.4 8 6.9l4.5-4.5 1.1 1.1L9.1 8l4.5 4.5-1.1 1.1L8 9.1l-4.5 4.5-1.1-1.1L6.9 8 2.4 3.5z" />
          ) : (
            <path d="M2 3h12v1.5H2zm0 4.25h12v1.5H2zM2 11.5h12V13H2z" />
          )}
        </svg>
        Menu
      </button>
      <ul
        id={listId}
        className={`${open ? "flex" : "hidden"} absolute left-0 top-full z-40 mt-2 w-56 flex-col gap-1 rounded-md bg-brand-800 p-2 shadow-lg ring-1 ring-white/20 lg:static lg:mt-0 lg:flex lg:w-auto lg:flex-row lg:flex-wrap lg:bg-transparent lg:p-0 lg:shadow-none lg:ring-0`}
      >
        {links.map((l) => {
          const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`block rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white ${
                  active
                    ? "bg-white/15 text-white"
                    : "text-brand-100 hover:bg-white/10 hover:text-white"
                }`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
