// Class lists shared by the dashboard's forms (admin, settings, sign-in, message search), so a
// field, a label or a button looks and reacts the same everywhere.

// Border, hover, focus ring and the red border of an invalid value: every text control has them.
const control =
  "rounded-md border border-slate-300 bg-white shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600 aria-invalid:border-red-600";

export const inputClass = `h-9 px-2 text-sm ${control}`;
/** For ids and keys a person pastes: small monospace so a long id fits and reads char by char. */
export const codeInputClass = `h-9 px-2 font-mono text-xs ${control}`;
/** The sign-in page's larger, full-width fields. */
export const largeInputClass = `h-10 w-full px-3 text-sm ${control}`;

export const labelClass = "mb-1 block text-xs font-medium text-slate-600";
export const largeLabelClass = "mb-1 block text-sm font-medium text-slate-700";
export const hintClass = "mt-1 text-xs text-slate-600";

const button =
  "rounded-md text-sm font-medium disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";
export const primaryButton = `h-9 bg-brand-700 px-3 text-white hover:bg-brand-800 ${button}`;
export const largePrimaryButton = `h-10 w-full bg-brand-700 px-3 text-white hover:bg-brand-800 ${button}`;
export const secondaryButton = `h-8 bg-white px-2.5 text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 ${button}`;
export const cardClass = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
