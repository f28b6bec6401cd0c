// The cell classes of every report table, so that Spend, Delivery and Compliance look alike.

export const TH =
  "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700";
export const TH_NUM = `${TH} text-right`;
export const TD = "px-3 py-2";
export const TD_NUM = "px-3 py-2 text-right tabular-nums";
