"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls sideways on its own when its content (a wide table) is wider than the
 * screen, so the page itself never does. While it scrolls it is a Tab stop, so a keyboard user
 * can scroll it with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable); when it
 * fits it is no extra stop. `relative`: an absolutely positioned cell content (the sr-only
 * texts) would otherwise take the page as its containing block and escape the box.
 */
export function ScrollBox({ className, children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      tabIndex={scrolls ? 0 : undefined}
      data-scrolls={scrolls ? "" : undefined}
      className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${className ?? ""}`}
    >
      {children}
    </div>
  );
}
