"use client";

import { useEffect, useRef, type ReactNode } from "react";

// React derives onMouseLeave from the browser's `mouseout`, and the browser sends none when the
// element under the pointer has just been removed. recharts removes it often: each bar is
// redrawn under a new key on every frame of its animation and whenever its value changes. A
// pointer that leaves the chart right then leaves without React seeing it, and the tooltip and
// the highlighted band stay up. The browser's own `mouseleave` on the box still fires (it
// follows removed nodes), so the box relays it to the chart as the `mouseout` React missed.
// When React did see the leave, the relayed one finds the tooltip already closed.

export function LeaveRelay({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const relay = (e: MouseEvent) => {
      el.querySelector(".recharts-wrapper")?.dispatchEvent(
        new MouseEvent("mouseout", {
          bubbles: true,
          relatedTarget: e.relatedTarget,
          clientX: e.clientX,
          clientY: e.clientY,
        }),
      );
    };
    el.addEventListener("mouseleave", relay);
    return () => el.removeEventListener("mouseleave", relay);
  }, []);
  return (
    <div ref={box} className="h-full w-full">
      {children}
    </div>
  );
}
