import type { CSSProperties } from "react";

// One look for the axes, the hover band and the legend of every chart. Colours are Tailwind's
// slate: the tick text (slate-600 on white, 7.6:1) passes the 4.5:1 text contrast.

export const AXIS_TICK = { fill: "#475569", fontSize: 11 } as const;
export const AXIS_LINE = { stroke: "#94a3b8" } as const;
/** The band behind the hovered or focused day. */
export const CURSOR = { fill: "#e2e8f0", fillOpacity: 0.6 } as const;
export const LEGEND_TEXT: CSSProperties = { color: "#334155", fontSize: 12 };
