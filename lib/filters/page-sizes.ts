// The page sizes a list offers. Without zod, so the filter bar (on every page with a range)
// can import them without the schemas of lib/filters/messages.ts.

export const PAGE_SIZES = [10, 25, 50, 100, 500, 1000] as const;
export const DEFAULT_PAGE_SIZE = 100;
