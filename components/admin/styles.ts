// Class lists shared by the admin forms, matching the rest of the dashboard.
export const inputClass =
  "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600 aria-invalid:border-red-600";
export const labelClass = "mb-1 block text-xs font-medium text-slate-600";
export const primaryButton =
  "h-9 rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";
export const secondaryButton =
  "h-8 rounded-md bg-white px-2.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";
export const cardClass = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
