"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * Closes an open popover (a menu, the day picker) on Escape or on a press outside `ref`.
 * `onClose` is told which it was: after Escape the opener usually takes the focus back.
 */
export function useDismiss(
  open: boolean,
  ref: RefObject<HTMLElement | null>,
  onClose: (how: "escape" | "outside") => void,
) {
  // The latest callback, without re-adding the listeners on every render.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close.current("escape");
    };
    const onPress = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close.current("outside");
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onPress);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onPress);
    };
  }, [open, ref]);
}
